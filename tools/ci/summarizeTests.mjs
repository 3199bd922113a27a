// Adds up the vitest JSON reports that every project leaves in .vitest-results/ and prints the
// closing line CI reads: `N passed, N failed, N skipped`. Exits 1 when a test failed or no test ran.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = process.argv[2] ?? process.cwd();
let passed = 0;
let failed = 0;
let skipped = 0;
const reports = [];
for (const folder of ['packages', 'apps', '.']) {
  const base = join(root, folder);
  const projects = folder === '.' ? ['tools'] : existsSync(base) ? readdirSync(base) : [];
  for (const project of projects) {
    const report = join(base, project, '.vitest-results', 'results.json');
    if (!existsSync(report)) continue;
    const json = JSON.parse(readFileSync(report, 'utf8'));
    passed += json.numPassedTests;
    failed += json.numFailedTests;
    skipped += json.numPendingTests + json.numTodoTests;
    // A suite that failed to load counts as a failure even when no test inside it ran.
    failed += json.testResults.filter(
      (suite) => suite.status === 'failed' && suite.assertionResults.length === 0,
    ).length;
    reports.push(`${folder}/${project}: ${json.numPassedTests} passed, ${json.numFailedTests} failed`);
  }
}
console.log(reports.join('\n'));
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
