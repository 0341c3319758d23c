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
    const started = new Map();
    runner.on('suite', (suite) => {
      if (suite.file && suite.parent?.root) started.set(suite, performance.now());
    });
    runner.on('suite end', (suite) => {
      const at = started.get(suite);
      if (at === undefined) return;
      const file = path.relative(process.cwd(), suite.file);
      fileMs.set(file, (fileMs.get(file) ?? 0) + performance.now() - at);
    });
    runner.once('end', () => {
      const file = process.env.TEST_STATS_FILE;
      const files = [...fileMs].map(([name, ms]) => ({ file: name, seconds: Math.round(ms / 100) / 10 }));
      if (file) fs.writeFileSync(file, JSON.stringify({ passes: runner.stats.passes, failures: runner.stats.failures, pending: runner.stats.pending, files }));
    });
  }
}
module.exports = CountingReporter;
