#!/usr/bin/env node
// `--version` answers before anything else loads (oclif's start alone is several times Node's):
// scripts and shells ask it often, and it must stay quick.
if (process.argv.length === 3 && process.argv[2] === '--version') {
  const { readFileSync } = await import('node:fs');
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  process.stdout.write(`${pkg.name}/${pkg.version} ${process.platform}-${process.arch} node-${process.version}\n`);
} else {
  const { relaunchWithoutSecrets } = await import('../dist/relaunch.js');
  if (!(await relaunchWithoutSecrets())) {
    const { execute } = await import('@oclif/core');
    await execute({ dir: import.meta.url });
  }
}
