// What the release and the quick-start demo both need: the checkout's connector packages, and
// which of their versions a registry holds already (publishing only the rest makes a re-run safe).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** connectors/<name>/package.json of every package that is not private, under `root`. */
export function readConnectors(root) {
  const folder = join(root, 'connectors');
  if (!existsSync(folder)) throw new Error(`${root} has no connectors/ folder (Pass --root <a MOVA checkout>.)`);
  return readdirSync(folder)
    .map((name) => join(folder, name))
    .filter((dir) => existsSync(join(dir, 'package.json')))
    .map((dir) => ({ dir, ...JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) }))
    .filter((pkg) => !pkg.private)
    .map(({ dir, name, version }) => ({ dir, name, version }));
}

/** The versions `registryUrl` holds of a package (none when it does not know the name). */
export async function publishedVersions(registryUrl, name) {
  const url = new URL(name.replace('/', '%2f'), registryUrl);
  let response;
  try {
    response = await fetch(url, { headers: { accept: 'application/json' } });
  } catch (error) {
    throw new Error(
      `cannot reach the registry at ${registryUrl} (${error.cause?.code ?? error.message}) (Is it running?)`,
    );
  }
  if (response.status === 404) return new Set();
  if (!response.ok) throw new Error(`the registry answered ${response.status} for ${name} at ${url}`);
  const packument = await response.json();
  return new Set(Object.keys(packument.versions ?? {}));
}
