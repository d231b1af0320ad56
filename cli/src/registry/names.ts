import semver from 'semver';
import { UserError } from '../user-error.js';

const FIRST_PARTY = '@mova/connector-';
const BARE = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const SCOPED = /^@[a-z0-9][a-z0-9._-]*\/[a-z0-9][a-z0-9._-]*$/;

/**
 * The package a connector reference names: `github` is shorthand for `@mova/connector-github`,
 * a scoped name stays as it is.
 * @example
 * packageNameOf('github') // '@mova/connector-github'
 */
export function packageNameOf(reference: string): string {
  if (SCOPED.test(reference)) return reference;
  if (BARE.test(reference)) {
    if (!reference.startsWith('connector-')) return `${FIRST_PARTY}${reference}`;
    // An unscoped package name where a short name belongs: it would read as @mova/connector-connector-….
    const short = reference.slice('connector-'.length);
    throw new UserError(
      `"${reference}" is a package name without a scope, not a connector name`,
      `A short name means @mova/connector-<name>: write ${short} for @mova/connector-${short}, or the scoped package name of a third-party connector, e.g. @acme/${reference}.`,
    );
  }
  throw new UserError(
    `"${reference}" is not a connector name`,
    'Give a first-party short name (e.g. github, for @mova/connector-github) or a scoped package name (e.g. @acme/connector-crm).',
  );
}

/** How workflows and `install` name a package: `github` for `@mova/connector-github`, else the full name. */
export function shortNameOf(packageName: string): string {
  return packageName.startsWith(FIRST_PARTY) ? packageName.slice(FIRST_PARTY.length) : packageName;
}

/**
 * The range that follows a version without crossing a breaking change: `^<major>`, or below 1.0,
 * where every minor may break, `^0.<minor>`.
 */
export function compatibleRange(version: string): string {
  const parsed = semver.parse(version);
  if (!parsed) return version;
  return parsed.major > 0 ? `^${parsed.major}` : `^0.${parsed.minor}`;
}

/** The command that adds the connector to a project. */
export function installCommand(packageName: string, version: string): string {
  return `mova-connector install ${shortNameOf(packageName)}@${compatibleRange(version)}`;
}

/** A workflow step's `uses:` for one action, e.g. `github/issues.create@^1`. */
export function usesReference(packageName: string, actionKey: string, version: string): string {
  return `${shortNameOf(packageName)}/${actionKey}@${compatibleRange(version)}`;
}

/**
 * Splits `github@1.2.0` or `@acme/connector-crm@^1` into a package name and a version range (the
 * `@` that starts a scope is not a separator).
 */
export function parsePackageSpec(spec: string): { name: string; range: string | undefined } {
  const at = spec.lastIndexOf('@');
  if (at <= 0) return { name: packageNameOf(spec), range: undefined };
  const range = spec.slice(at + 1);
  return { name: packageNameOf(spec.slice(0, at)), range: range === '' ? undefined : range };
}
