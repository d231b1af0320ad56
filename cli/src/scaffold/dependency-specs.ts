import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { UserError } from '../user-error.js';
import { CLI_ROOT } from './templates.js';

export interface DependencySpecs {
  sdk: string;
  cli: string;
  /** @mova/runtime, whose `/testing` conformance API the scaffold's tests run the built connector with. */
  runtime: string;
  /**
   * `workspace`: the new package sits in the monorepo's connectors/ and pnpm links it;
   * `local`: a package elsewhere uses this checkout's sdk/ and cli/ folders;
   * `registry`: version ranges, installed from a registry.
   */
  source: 'workspace' | 'local' | 'registry';
  /** The MOVA registry the @mova packages come from (the scaffold's .npmrc names it for the @mova scope). */
  registry?: string;
  /** Why a configured registry was not used (it lacks the checkout's versions), for the user. */
  note?: string;
}

/** A MOVA registry `init` was pointed at: `flag` (--registry) must be used, a saved one may be passed over. */
export interface ConfiguredRegistry {
  url: string;
  source: 'flag' | 'env' | 'movarc';
}

/**
 * The dependency specs a new connector gets for @mova/sdk, @mova/cli and @mova/runtime. An installed
 * CLI asks for the versions it was published with. From a checkout of the monorepo they point at its
 * folders, unless a MOVA registry is configured that holds the checkout's versions (the demo publishes
 * them): then the scaffold asks that registry for them, like any npm package. `overrides` (the --sdk /
 * --cli flags) win.
 */
export async function dependencySpecs(options: {
  repo: string | undefined;
  target: string;
  overrides: { sdk?: string; cli?: string };
  registry?: ConfiguredRegistry;
  /** Which versions a registry holds of a package (injectable for tests). */
  heldVersions?: (registry: string, name: string) => Promise<Set<string>>;
}): Promise<DependencySpecs> {
  const { repo, target, overrides, registry, heldVersions = registryVersions } = options;
  let specs: DependencySpecs;
  if (repo && relative(join(repo, 'connectors'), dirname(target)) === '') {
    specs = { sdk: 'workspace:*', cli: 'workspace:*', runtime: 'workspace:*', source: 'workspace' };
  } else if (repo) {
    const version = (folder: string) => versionIn(join(repo, folder, 'package.json'));
    const [sdk, cli, runtime] = await Promise.all([version('sdk'), version('cli'), version('runtime')]);
    // A registry saved by an earlier login may be stopped now: that is a note, not a failure.
    const lacking = registry
      ? await lackingToolkit(registry.url, { sdk, cli, runtime }, heldVersions).catch((error: Error) => {
          if (registry.source === 'flag') throw error;
          return error.message;
        })
      : [];
    if (registry && lacking.length === 0) {
      specs = { sdk: `^${sdk}`, cli: `^${cli}`, runtime: `^${runtime}`, source: 'registry', registry: registry.url };
    } else {
      const why = typeof lacking === 'string' ? lacking : `${registry?.url} does not hold ${lacking.join(', ')}`;
      if (registry?.source === 'flag') {
        throw new UserError(
          why,
          'Publish them there first (`npm run demo` in the checkout publishes them to its registry), or leave out --registry to link this checkout.',
        );
      }
      specs = {
        sdk: `file:${join(repo, 'sdk')}`,
        cli: `file:${CLI_ROOT.replace(/[\\/]$/, '')}`,
        runtime: `file:${join(repo, 'runtime')}`,
        source: 'local',
        ...(registry && { note: `${why}: linking this checkout's folders instead` }),
      };
    }
  } else {
    specs = {
      sdk: `^${await versionOf('@mova/sdk')}`,
      cli: `^${await versionIn(join(CLI_ROOT, 'package.json'))}`,
      runtime: `^${await versionOf('@mova/runtime')}`,
      source: 'registry',
      ...(registry && { registry: registry.url }),
    };
  }
  return { ...specs, sdk: overrides.sdk ?? specs.sdk, cli: overrides.cli ?? specs.cli };
}

/** `name@version` of each checkout package the registry lacks. */
async function lackingToolkit(
  registry: string,
  versions: { sdk: string; cli: string; runtime: string },
  heldVersions: (registry: string, name: string) => Promise<Set<string>>,
): Promise<string[]> {
  const wanted = Object.entries(versions).map(([folder, version]) => [`@mova/${folder}`, version] as const);
  const held = await Promise.all(wanted.map(([name]) => heldVersions(registry, name)));
  return wanted.filter(([, version], i) => !held[i]?.has(version)).map(([name, version]) => `${name}@${version}`);
}

async function registryVersions(registry: string, name: string): Promise<Set<string>> {
  const url = new URL(name.replace('/', '%2f'), registry);
  let response: Response;
  try {
    response = await fetch(url, { headers: { accept: 'application/json' } });
  } catch (error) {
    throw new UserError(
      `cannot reach the MOVA registry at ${registry} (${(error as Error).message})`,
      'Start it (`mova-connector registry start`), or pass --registry with the one you use.',
    );
  }
  if (response.status === 404) return new Set();
  if (!response.ok) throw new UserError(`${registry} answered ${response.status} for ${name}`, 'Check the registry.');
  const packument = (await response.json()) as { versions?: Record<string, unknown> };
  return new Set(Object.keys(packument.versions ?? {}));
}

/** A package this CLI was installed with (@mova/sdk, @mova/runtime): its version is the one the CLI works with. */
async function versionOf(name: string): Promise<string> {
  return versionIn(createRequire(import.meta.url).resolve(`${name}/package.json`));
}

async function versionIn(file: string): Promise<string> {
  const pkg = JSON.parse(await readFile(file, 'utf8')) as { version: string };
  return pkg.version;
}
