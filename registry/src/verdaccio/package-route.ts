/** A request path of the npm API that names a package: `/<name>/<rest…>`. */
export interface PackageRoute {
  name: string;
  /** The path segments after the name, decoded: `['-', 'pkg-1.0.0.tgz']`, `['-rev', '3-abc']`. */
  rest: string[];
}

function decode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/**
 * Reads the package name out of an npm API path. Scoped names come encoded (`/@acme%2fcrm`, as npm
 * sends them) or plain (`/@acme/crm/-/crm-1.0.0.tgz`, as tarball URLs are). Registry-wide endpoints
 * (`/-/…`) name no package.
 */
export function packageRoute(url: string): PackageRoute | undefined {
  const path = url.split('?')[0] ?? '';
  const segments = path.split('/').slice(1);
  const first = segments[0] ?? '';
  if (first === '' || first.startsWith('-')) return undefined;
  let name: string | undefined;
  let restAt = 1;
  if (first.startsWith('@') && !/%2f/i.test(first)) {
    const second = segments[1];
    if (!second) return undefined;
    name = decode(`${first}/${second}`);
    restAt = 2;
  } else {
    name = decode(first);
  }
  if (!name) return undefined;
  const rest = segments.slice(restAt).map((s) => decode(s) ?? s);
  return { name, rest };
}

/** The version a tarball file name carries: `crm-1.2.0.tgz` of `@acme/crm` is 1.2.0. */
export function tarballVersion(name: string, filename: string): string | undefined {
  const base = name.replace(/^@[^/]+\//, '');
  if (!filename.startsWith(`${base}-`) || !filename.endsWith('.tgz')) return undefined;
  return filename.slice(base.length + 1, -'.tgz'.length) || undefined;
}
