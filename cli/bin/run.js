#!/usr/bin/env node
// `--version` answers before anything else loads (oclif's start alone is several times Node's):
// scripts and shells ask it often, and it must stay quick.
if (process.argv.length === 3 && process.argv[2] === '--version') {
  const { readFileSync } = await import('node:fs');
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  process.stdout.write(`${pkg.name}/${pkg.version} ${process.platform}-${process.arch} node-${process.version}\n`);
} else {
  // Node 22.1+ keeps the compiled code of the CLI's ~1,500 module files between runs (in the system
  // temp folder); Node 20 has no such cache and goes on without it.
  const { default: nodeModule } = await import('node:module');
  nodeModule.enableCompileCache?.();
  const { relaunchWithoutSecrets } = await import('../dist/relaunch.js');
  if (!(await relaunchWithoutSecrets())) {
    // oclif checks Node against its own engines (>=18) with all of semver (~50 files) as it loads;
    // ours (>=20.19, package.json) are stricter, so the check can never warn. Unset again at once,
    // so child processes (sandboxes, a relaunch) do not inherit it.
    const skipCheck = process.env.OCLIF_DISABLE_ENGINE_WARNING === undefined;
    if (skipCheck) process.env.OCLIF_DISABLE_ENGINE_WARNING = '1';
    const { execute } = await import('@oclif/core');
    if (skipCheck) delete process.env.OCLIF_DISABLE_ENGINE_WARNING;
    await execute({ dir: import.meta.url });
  }
}
