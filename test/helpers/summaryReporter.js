/** Prints one plain closing line ("N passed, N failed, N skipped") that any CI can read. */
class SummaryReporter {
  onRunComplete(_contexts, results) {
    console.log(`\nTests: ${results.numPassedTests} passed, ${results.numFailedTests} failed, ${results.numPendingTests + results.numTodoTests} skipped`);
  }
}
module.exports = SummaryReporter;
