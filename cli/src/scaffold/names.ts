const NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
// npm's rules: lower case, URL-safe, optional @scope/, at most 214 characters.
const PACKAGE = /^(@[a-z0-9-~][a-z0-9-._~]*\/)?[a-z0-9-~][a-z0-9-._~]*$/;

export const NAME_RULE = 'lower-case letters, digits and single hyphens, starting with a letter';

/** Why `name` cannot be a connector name (the `github` in `github/issues.create`), or undefined. */
export function nameProblem(name: string): string | undefined {
  if (NAME.test(name)) return undefined;
  return `"${name}" is not a valid connector name: use ${NAME_RULE}`;
}

/**
 * The nearest valid name, for the "did you mean" in an error: `Acme CRM` → `acme-crm`.
 * Undefined when nothing usable is left.
 */
export function suggestName(name: string): string | undefined {
  const fixed = name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^[^a-z]+/, '')
    .replace(/-+$/, '');
  return fixed && NAME.test(fixed) ? fixed : undefined;
}

/** A title to start from: `acme-crm` → `Acme Crm`. */
export function titleFromName(name: string): string {
  return name
    .split('-')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(' ');
}

/** Why `name` cannot be an npm package name, or undefined. */
export function packageProblem(name: string): string | undefined {
  if (name.length <= 214 && PACKAGE.test(name)) return undefined;
  return `"${name}" is not a valid npm package name: use lower case, digits, "-", "." and "_", optionally under a @scope/`;
}
