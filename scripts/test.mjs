// The whole check: lint, typecheck, then every vitest project. Runs every step even after a failure
// so one run shows all problems; the last line is the plain count CI reads.
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { conformanceCoverage } from './conformance-coverage.mjs';
import { root } from './pnpm.mjs';
import { step } from './run.mjs';

const bin = (path) => [process.execPath, join(root, 'node_modules', path)];
const results = join(root, '.vitest', 'results.json');
const conformanceLog = join(root, '.vitest', 'conformance');
rmSync(results, { force: true });
rmSync(conformanceLog, { recursive: true, force: true });
mkdirSync(join(root, '.vitest'), { recursive: true });
// Every conformance call (runtime's loadConnector) records what ran here; counted after the tests.
process.env.MOVA_CONFORMANCE_LOG = conformanceLog;

const vitestWorkers = workers();
const codes = [
  await step('lint and format (biome)', [...bin('@biomejs/biome/bin/biome'), 'check', '.']),
  await step('typecheck tests and connectors (tsc)', [...bin('typescript/bin/tsc'), '-p', 'tsconfig.check.json']),
  await step('typecheck the docs generators (tsc)', [...bin('typescript/bin/tsc'), '-p', 'docs-site/tsconfig.json']),
  await step('tests (vitest)', [
    ...bin('vitest/vitest.mjs'),
    'run',
    ...vitestWorkers,
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${results}`,
  ]),
];

/**
 * MOVA_TEST_WORKERS: how many test files run at once. Vitest's default is the core count minus one,
 * so a 2-core machine runs one file at a time although most files wait on child processes, servers
 * and npm rather than compute; raising it overlaps those waits.
 */
function workers() {
  const asked = process.env.MOVA_TEST_WORKERS;
  if (!asked) return [];
  if (!/^[1-9]\d*$/.test(asked)) {
    console.error(`MOVA_TEST_WORKERS=${asked} is not a count: give a whole number from 1, e.g. 3`);
    process.exit(2);
  }
  return [`--maxWorkers=${asked}`];
}

let passed = 0;
let failed = 0;
try {
  const report = JSON.parse(readFileSync(results, 'utf8'));
  passed = report.numPassedTests;
  failed = report.numFailedTests;
} catch {
  console.error('vitest wrote no results: see its output above');
  codes.push(1);
}
// One more check: every action and polling trigger of every first-party connector ran through the sandbox.
const coverage = conformanceCoverage(root, conformanceLog);
console.log(`\nactions run through the sandbox: ${coverage.ran} of ${coverage.total}`);
if (coverage.missing.length === 0) passed++;
else {
  failed++;
  console.error(`never run through the sandbox (add them to the connector's test/conformance.test.ts):`);
  for (const item of coverage.missing) console.error(`  ${item}`);
  codes.push(1);
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(codes.some((c) => c !== 0) ? 1 : 0);
