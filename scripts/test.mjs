// The whole check: lint, typecheck, then every vitest project. Runs every step even after a failure
// so one run shows all problems; the last line is the plain count CI reads.
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './pnpm.mjs';
import { step } from './run.mjs';

const bin = (path) => [process.execPath, join(root, 'node_modules', path)];
const results = join(root, '.vitest', 'results.json');
rmSync(results, { force: true });
mkdirSync(join(root, '.vitest'), { recursive: true });

const codes = [
  await step('lint and format (biome)', [...bin('@biomejs/biome/bin/biome'), 'check', '.']),
  await step('typecheck tests and connectors (tsc)', [...bin('typescript/bin/tsc'), '-p', 'tsconfig.check.json']),
  await step('typecheck the docs generators (tsc)', [...bin('typescript/bin/tsc'), '-p', 'docs-site/tsconfig.json']),
  await step('tests (vitest)', [
    ...bin('vitest/vitest.mjs'),
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${results}`,
  ]),
];

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
console.log(`${passed} passed, ${failed} failed`);
process.exit(codes.some((c) => c !== 0) ? 1 : 0);
