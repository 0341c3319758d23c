// Mocha's spec reporter, plus the totals written to $TEST_STATS_FILE so test/run-all.mjs can print one
// closing "N passed, N failed" line for every stage.
const Mocha = require('mocha');
const fs = require('fs');

class CountingReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    runner.once('end', () => {
      const file = process.env.TEST_STATS_FILE;
      if (file) fs.writeFileSync(file, JSON.stringify({ passes: runner.stats.passes, failures: runner.stats.failures, pending: runner.stats.pending }));
    });
  }
}
module.exports = CountingReporter;
