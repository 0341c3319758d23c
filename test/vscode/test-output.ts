// Sorts what the workbench logs during a test run: everything goes to a log file, the terminal gets the test
// runner's output only (OPTIMA_VSCODE_VERBOSE=1: everything).
import { appendFileSync } from 'node:fs';

/** Workbench chatter of an offline code-server that says nothing about our tests. */
const NOISE = [
  /ENOTFOUND/,
  /authentication provider/,
  /^Creating a socket/,
  /^\[(AgentHost|AccountPolicyGate|reconnection-grace-time|Service Worker)/,
  /^Updating additional builtin extensions cache/,
  /Failed to load resource/,
];
/** The runner's first line (test/integration/index.ts): everything the workbench logged before it is start-up. */
const RUNNER_STARTED = /^optima-tests: running/;

export function testOutputPrinter(logFile: string): (type: string, line: string) => void {
  const verbose = process.env.OPTIMA_VSCODE_VERBOSE === '1';
  let runnerStarted = false;
  return (type, line) => {
    appendFileSync(logFile, `[${type}] ${line}\n`);
    if (RUNNER_STARTED.test(line)) runnerStarted = true;
    if (verbose || (runnerStarted && !NOISE.some((pattern) => pattern.test(line)))) (type === 'error' ? console.error : console.log)(line);
  };
}
