// Mocha's spec reporter, plus the totals written to $TEST_STATS_FILE so test/run-all.mjs can print one
// closing "N passed, N failed" line for every stage, and how long each test file took (its suites and their
// hooks, start to end), for the list of the slowest files.
const Mocha = require('mocha');
const fs = require('fs');
const path = require('path');

class CountingReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    const fileMs = new Map();
    const testMs = new Map();
    const started = new Map();
    runner.on('suite', (suite) => {
      if (suite.file && suite.parent?.root) started.set(suite, performance.now());
    });
    // In parallel mode (.mocharc.json) a worker's events arrive together when its file is done, so the suites'
    // wall time is lost there: the file's test durations stand in for it.
    runner.on('test end', (test) => {
      if (!test.file) return;
      const file = path.relative(process.cwd(), test.file);
      testMs.set(file, (testMs.get(file) ?? 0) + (test.duration ?? 0));
    });
    runner.on('suite end', (suite) => {
      const at = started.get(suite);
      if (at === undefined) return;
      const file = path.relative(process.cwd(), suite.file);
      fileMs.set(file, (fileMs.get(file) ?? 0) + performance.now() - at);
    });
    runner.once('end', () => {
      const file = process.env.TEST_STATS_FILE;
      const names = new Set([...fileMs.keys(), ...testMs.keys()]);
      const files = [...names].map((name) => ({ file: name, seconds: Math.round(Math.max(fileMs.get(name) ?? 0, testMs.get(name) ?? 0) / 100) / 10 }));
      if (file) fs.writeFileSync(file, JSON.stringify({ passes: runner.stats.passes, failures: runner.stats.failures, pending: runner.stats.pending, files }));
    });
  }
}
module.exports = CountingReporter;
