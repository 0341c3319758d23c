// The service definitions shipped in deploy/: the command lines they start are ones the CLI accepts, secrets
// come only from an EnvironmentFile (systemd) or the account's environment (Windows), and the timer's unit exists.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseInterval } from '../../../src/core/service/interval';
import { cli } from '../../support/cli';

const DEPLOY = path.resolve(__dirname, '../../../deploy');
const read = (file: string) => readFileSync(path.join(DEPLOY, file), file.endsWith('.xml') ? 'utf16le' : 'utf8');

/** The arguments after dist/cli.js of a command line (quotes removed). */
function cliArguments(commandLine: string): string[] {
  const parts = [...commandLine.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]!);
  return parts.slice(parts.findIndex((p) => p.endsWith('cli.js')) + 1);
}

function setting(unit: string, key: string): string[] {
  return [...unit.matchAll(new RegExp(`^${key}=(.*)$`, 'gm'))].map((m) => m[1]!);
}

describe('service definitions in deploy/', () => {
  const units = {
    service: read('systemd/optima-sync@.service'),
    pass: read('systemd/optima-sync-pass@.service'),
    timer: read('systemd/optima-sync-pass@.timer'),
  };
  const task = read('windows/optima-sync-task.xml');

  it("start command lines the CLI accepts: the long-running form with --every, the timer's with one pass", async () => {
    const service = cliArguments(setting(units.service, 'ExecStart')[0]!);
    const pass = cliArguments(setting(units.pass, 'ExecStart')[0]!);
    const windows = cliArguments(`cli.js ${/<Arguments>"[^"]*cli\.js" (.*)<\/Arguments>/.exec(task)![1]!}`);
    assert.deepEqual(service.slice(0, 3), ['run', '--every', '5m']);
    assert.deepEqual(pass.slice(0, 1), ['run']);
    assert.ok(!pass.includes('--every'));
    assert.deepEqual(windows.slice(0, 3), ['run', '--every', '5m']);
    assert.equal(parseInterval(service[2]!), 300_000);
    assert.equal(parseInterval(windows[2]!), 300_000);
    for (const args of [service, pass, windows]) {
      const help = await cli([...args, '--help']);
      assert.equal(help.code, 0, `${args.join(' ')}: ${help.stderr}`);
    }
  });

  it('take secrets from an EnvironmentFile, never from the unit, and stop with SIGTERM and time to finish', () => {
    for (const unit of [units.service, units.pass]) {
      assert.equal(setting(unit, 'EnvironmentFile').length, 1);
      assert.deepEqual(setting(unit, 'Environment'), [], 'no Environment= lines (they would hold secrets in the unit)');
      assert.doesNotMatch(unit, /OPTIMA_SYNC_\w*(PASSWORD|KEY|SECRET)=/);
      assert.deepEqual(setting(unit, 'KillSignal'), ['SIGTERM']);
      assert.ok(Number(setting(unit, 'TimeoutStopSec')[0]) >= 60);
    }
    assert.match(read('systemd/sklep.env.example'), /^OPTIMA_SYNC_SMTP_PASSWORD=$/m);
    assert.doesNotMatch(task, /OPTIMA_SYNC_\w+=/);
  });

  it('the timer starts the one-pass unit every 5 minutes, and the task runs once at a time without a time limit', () => {
    assert.deepEqual(setting(units.timer, 'OnUnitActiveSec'), ['5min']);
    assert.match(task, /<MultipleInstancesPolicy>IgnoreNew<\/MultipleInstancesPolicy>/);
    assert.match(task, /<ExecutionTimeLimit>PT0S<\/ExecutionTimeLimit>/);
    assert.match(task, /^\uFEFF?<\?xml version="1.0" encoding="UTF-16"\?>/);
  });
});
