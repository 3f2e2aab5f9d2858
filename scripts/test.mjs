// `npm test`: every test (unit, database on PGlite and, with TEST_DATABASE_URL, PostgreSQL, browser), then one
// closing line computed from vitest's JSON report.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const report = path.join(root, 'test-results/vitest.json');
fs.mkdirSync(path.dirname(report), { recursive: true });
fs.rmSync(report, { force: true });

const vitest = path.join(root, 'node_modules/vitest/vitest.mjs');
const args = [
  vitest,
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${report}`,
  ...process.argv.slice(2),
];
const run = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });

let passed = 0;
let failed = 0;
let skipped = 0;
if (fs.existsSync(report)) {
  const r = JSON.parse(fs.readFileSync(report, 'utf8'));
  passed = r.numPassedTests ?? 0;
  // A file that fails to load has no failed test of its own; count it so it cannot pass unnoticed.
  const brokenFiles = (r.testResults ?? []).filter(
    (f) => f.status === 'failed' && !(f.assertionResults ?? []).some((a) => a.status === 'failed'),
  ).length;
  failed = (r.numFailedTests ?? 0) + brokenFiles;
  skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
} else {
  failed = 1;
}
const exitCode = run.status === 0 && failed === 0 && passed > 0 ? 0 : 1;
if (exitCode !== 0 && failed === 0) failed = 1;
fs.writeFileSync(
  path.join(root, 'test-results/summary.txt'),
  `${passed} passed, ${failed} failed, ${skipped} skipped\n`,
);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(exitCode);
