import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { CLI_ROOT } from './templates.js';

export interface DependencySpecs {
  sdk: string;
  cli: string;
  /** @mova/runtime, whose `/testing` conformance API the scaffold's tests run the built connector with. */
  runtime: string;
  /**
   * `workspace`: the new package sits in the monorepo's connectors/ and pnpm links it;
   * `local`: a package elsewhere uses this checkout's sdk/ and cli/ folders;
   * `registry`: an installed CLI points at the published versions.
   */
  source: 'workspace' | 'local' | 'registry';
}

/**
 * The dependency specs a new connector gets for @mova/sdk, @mova/cli and @mova/runtime. From a checkout of the
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
    specs = { sdk: 'workspace:*', cli: 'workspace:*', runtime: 'workspace:*', source: 'workspace' };
  } else if (repo) {
    specs = {
      sdk: `file:${join(repo, 'sdk')}`,
      cli: `file:${CLI_ROOT.replace(/[\\/]$/, '')}`,
      runtime: `file:${join(repo, 'runtime')}`,
      source: 'local',
    };
  } else {
    specs = {
      sdk: `^${await versionOf('@mova/sdk')}`,
      cli: `^${await ownVersion()}`,
      runtime: `^${await versionOf('@mova/runtime')}`,
      source: 'registry',
    };
  }
  return { ...specs, sdk: overrides.sdk ?? specs.sdk, cli: overrides.cli ?? specs.cli };
}

async function ownVersion(): Promise<string> {
  return versionIn(join(CLI_ROOT, 'package.json'));
}

/** A package this CLI was installed with (@mova/sdk, @mova/runtime): its version is the one the CLI works with. */
async function versionOf(name: string): Promise<string> {
  return versionIn(createRequire(import.meta.url).resolve(`${name}/package.json`));
}

async function versionIn(file: string): Promise<string> {
  const pkg = JSON.parse(await readFile(file, 'utf8')) as { version: string };
  return pkg.version;
}
