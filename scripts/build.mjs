// Builds the TypeScript packages (tsc -b), then bundles every connector and writes its manifest,
// in one process: one esbuild service for all connectors instead of a CLI start per connector.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './pnpm.mjs';

// The workflow schema's validator as code (ajv standalone), so a run does not compile it at start.
const validator = spawnSync(process.execPath, ['scripts/workflow-validator.mjs'], {
  cwd: join(root, 'runtime'),
  stdio: 'inherit',
});
if (validator.status !== 0) process.exit(validator.status ?? 1);

const tsc = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-b', 'tsconfig.build.json'], {
  cwd: root,
  stdio: 'inherit',
});
if (tsc.status !== 0) process.exit(tsc.status ?? 1);

// The CLI's command manifest, so `mova-connector` starts without importing every command.
const { writeOclifManifest } = await import('../cli/scripts/write-oclif-manifest.mjs');
console.log(`  wrote cli/oclif.manifest.json: ${await writeOclifManifest()} commands`);

// The registry's marketplace page: one esbuild bundle the registry serves at `/`.
const { buildPage } = await import('../registry/web/build.mjs');
const page = await buildPage();
console.log(`  built the marketplace page: ${Object.keys(page.sizes).join(', ')}`);

// The runs page of `mova-connector serve`, served by the runtime's engine handler.
const { buildRunsPage } = await import('../runtime/web/build.mjs');
const runsPage = await buildRunsPage();
console.log(`  built the runs page: ${Object.keys(runsPage.sizes).join(', ')}`);

const { buildProject, readProject } = await import('../cli/dist/index.js');
const dirs = readdirSync(join(root, 'connectors'))
  .map((name) => join(root, 'connectors', name))
  .filter((dir) => existsSync(join(dir, 'package.json')));
let failed = 0;
for (const dir of dirs) {
  try {
    const project = await readProject(dir);
    const result = await buildProject(project);
    console.log(
      `  built ${project.name}@${project.version}: ${result.manifest.actions.length} actions, ${(result.bundle.bytes / 1024).toFixed(0)} KiB`,
    );
  } catch (error) {
    failed++;
    const issues = (error.issues ?? []).map((i) => `\n    ${i.file ?? ''}#${i.pointer}: ${i.message}`).join('');
    console.error(`  FAILED ${dir}: ${error.message}${error.hint ? ` (${error.hint})` : ''}${issues}`);
  }
}
process.exit(failed ? 1 : 0);
