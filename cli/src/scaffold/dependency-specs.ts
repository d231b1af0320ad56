import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { CLI_ROOT } from './templates.js';

export interface DependencySpecs {
  sdk: string;
  cli: string;
  /**
   * `workspace`: the new package sits in the monorepo's connectors/ and pnpm links it;
   * `local`: a package elsewhere uses this checkout's sdk/ and cli/ folders;
   * `registry`: an installed CLI points at the published versions.
   */
  source: 'workspace' | 'local' | 'registry';
}

/**
 * The dependency specs a new connector gets for @mova/sdk and @mova/cli. From a checkout of the
 * monorepo they point at its folders (there is no registry to install from yet); an installed CLI
 * asks for the versions it was published with. `overrides` (the --sdk / --cli flags) win.
 */
export async function dependencySpecs(options: {
  repo: string | undefined;
  target: string;
  overrides: { sdk?: string; cli?: string };
}): Promise<DependencySpecs> {
  const { repo, target, overrides } = options;
  let specs: DependencySpecs;
  if (repo && relative(join(repo, 'connectors'), dirname(target)) === '') {
    specs = { sdk: 'workspace:*', cli: 'workspace:*', source: 'workspace' };
  } else if (repo) {
    specs = { sdk: `file:${join(repo, 'sdk')}`, cli: `file:${CLI_ROOT.replace(/[\\/]$/, '')}`, source: 'local' };
  } else {
    specs = { sdk: `^${await sdkVersion()}`, cli: `^${await ownVersion()}`, source: 'registry' };
  }
  return { ...specs, sdk: overrides.sdk ?? specs.sdk, cli: overrides.cli ?? specs.cli };
}

async function ownVersion(): Promise<string> {
  return versionIn(join(CLI_ROOT, 'package.json'));
}

/** The @mova/sdk this CLI was installed with: its version is the one the CLI builds against. */
async function sdkVersion(): Promise<string> {
  return versionIn(createRequire(import.meta.url).resolve('@mova/sdk/package.json'));
}

async function versionIn(file: string): Promise<string> {
  const pkg = JSON.parse(await readFile(file, 'utf8')) as { version: string };
  return pkg.version;
}
