// What the page tells people to type or paste, and how it names things: pure functions of the
// connector's name, version and manifest text.

const FIRST_PARTY = /^@mova\/connector-([a-z][a-z0-9]*(?:-[a-z0-9]+)*)$/;

/**
 * How workflows and the CLI name a connector package: the bare name for `@mova/connector-<name>`,
 * the package name otherwise.
 * @example
 * connectorRef('@mova/connector-github') // 'github'
 * connectorRef('@acme/connector-crm')    // '@acme/connector-crm'
 */
export function connectorRef(packageName: string): string {
  return FIRST_PARTY.exec(packageName)?.[1] ?? packageName;
}

/**
 * The range that takes every compatible release of a version: `^<major>`, or `^0.<minor>` before
 * 1.0, where each minor release may break.
 */
export function compatibleRange(version: string): string {
  const [major = '0', minor = '0'] = version.split('.');
  return major === '0' ? `^0.${minor}` : `^${major}`;
}

/** @example installCommand('@mova/connector-github', '1.4.0') // 'mova-connector install github@^1' */
export function installCommand(packageName: string, version: string): string {
  return `mova-connector install ${connectorRef(packageName)}@${compatibleRange(version)}`;
}

/**
 * The `uses` of a workflow step that calls an action, or null when the package cannot be named
 * there: only scoped packages can (a bare name means `@mova/connector-<name>`).
 * @example
 * usesRef('@mova/connector-github', 'issues.create', '1.4.0') // 'github/issues.create@^1'
 * usesRef('@acme/connector-crm', 'deals.create', '2.0.1')      // '@acme/connector-crm/deals.create@^2'
 */
export function usesRef(packageName: string, actionKey: string, version: string): string | null {
  const ref = connectorRef(packageName);
  if (ref === packageName && !packageName.startsWith('@')) return null;
  return `${ref}/${actionKey}@${compatibleRange(version)}`;
}

/**
 * A workflow step (JSON, as workflow files are) calling the action with the example's input, and
 * naming the connection when the connector needs one (declared in the workflow's `connections`).
 */
export function workflowStep(uses: string, actionKey: string, input: unknown, connection?: string): string {
  const id = actionKey.replace(/[^A-Za-z0-9_]/g, '_').replace(/^[^A-Za-z_]/, '_');
  const step: Record<string, unknown> = { id, uses };
  if (connection !== undefined) step.connection = connection;
  if (input !== undefined) step.with = input;
  return JSON.stringify(step, null, 2);
}

/** Two letters standing for a connector without an icon, and which of the palette's colours it gets. */
export interface Monogram {
  letters: string;
  /** 0 to 7: the same name always gets the same colour. */
  tone: number;
}

export function monogram(title: string, name: string): Monogram {
  const words = title.match(/[\p{L}\p{N}]+/gu) ?? name.match(/[\p{L}\p{N}]+/gu) ?? ['?'];
  const [first = '?', second] = words;
  const letters = (second ? `${[...first][0]}${[...second][0]}` : [...first].slice(0, 2).join('')).toUpperCase();
  let hash = 0;
  for (const char of name) hash = (hash * 31 + (char.codePointAt(0) ?? 0)) >>> 0;
  return { letters, tone: hash % 8 };
}

// Raster and SVG images only: an SVG shown through <img> runs no script.
const DATA_IMAGE = /^data:image\/(png|jpeg|gif|webp|avif|svg\+xml)[;,]/i;

/**
 * The manifest's icon, if it is safe to show: an https URL or a data: image. Anything else
 * (javascript:, http:, relative paths) gives null and the page draws a monogram instead.
 */
export function safeIconUrl(icon: string | null | undefined): string | null {
  if (!icon) return null;
  const trimmed = icon.trim();
  if (DATA_IMAGE.test(trimmed)) return trimmed;
  try {
    const url = new URL(trimmed);
    return url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

const AUTH_LABELS: Record<string, string> = {
  none: 'No auth',
  apiKey: 'API key',
  basic: 'Username and password',
  bearer: 'Bearer token',
  oauth2: 'OAuth 2.0',
  custom: 'Custom',
};

export function authLabel(kind: string): string {
  return AUTH_LABELS[kind] ?? kind;
}

const ACRONYMS = new Set(['ai', 'api', 'crm', 'erp', 'ftp', 'hr', 'iot', 'sms', 'sql', 'ci', 'cd', 'seo']);

/** `developer-tools` → `Developer tools`, `crm` → `CRM`. */
export function categoryLabel(category: string): string {
  const words = category.split('-').map((word) => (ACRONYMS.has(word) ? word.toUpperCase() : word));
  const text = words.join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Where the page of a connector lives; a scoped name keeps its `@` and `/`. */
export function connectorPath(packageName: string): string {
  return `/-/mova/connectors/${packageName.split('/').map(encodeURIComponent).join('/').replace(/^%40/, '@')}`;
}

/** The package name a connector page's path names, or null when the path is no connector page. */
export function packageFromPath(pathname: string): string | null {
  const prefix = '/-/mova/connectors/';
  if (!pathname.startsWith(prefix)) return null;
  try {
    const name = decodeURIComponent(pathname.slice(prefix.length)).replace(/\/+$/, '');
    return name ? name : null;
  } catch {
    return null;
  }
}
