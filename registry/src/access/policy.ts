import type { Owners } from './ownership.js';

/** An answer to "may this user do this?"; a refusal carries the HTTP status and what to do instead. */
export type Decision = { allowed: true; claims: boolean } | { allowed: false; status: 401 | 403; message: string };

const allowed = (claims = false): Decision => ({ allowed: true, claims });
const refused = (status: 401 | 403, message: string): Decision => ({ allowed: false, status, message });

function ownScopeExample(user: string, name: string): string {
  return `@${user.replace(/^@/, '').toLowerCase()}/${name.replace(/^@[^/]+\//, '')}`;
}

function signInFirst(action: string, name: string): Decision {
  return refused(
    401,
    `${action} "${name}" needs an account: run \`npm adduser --registry <this registry>\` (or \`npm login\`), then try again.`,
  );
}

/**
 * Publishing: reserved scopes only by their configured owners, any other scope or unscoped name by
 * its owners, and an unowned one by anybody signed in, who thereby becomes its owner. Admins pass
 * everywhere: Verdaccio asks this same question before removing a tarball, which admins must be able to.
 */
export function decidePublish(
  user: string | undefined,
  name: string,
  owners: Owners,
  admins: ReadonlySet<string>,
): Decision {
  if (!user) return signInFirst('Publishing', name);
  // npm's rule for new names; it also keeps `@MOVA/…` and `Acme` from passing for `@mova/…` and `acme`.
  if (name !== name.toLowerCase()) {
    return refused(403, `Package names are lower-case: publish "${name}" as "${name.toLowerCase()}".`);
  }
  const { unit } = owners;
  if (!owners.owners) return allowed(true);
  if (owners.owners.includes(user) || admins.has(user)) return allowed();
  const list = owners.owners.length > 0 ? owners.owners.join(', ') : 'nobody yet';
  if (owners.reserved) {
    return refused(
      403,
      `The scope ${unit.id} is reserved; only its owners (${list}) may publish "${name}", not ${user}. ` +
        `Publish under a scope of your own instead, e.g. ${ownScopeExample(user, name)}.`,
    );
  }
  if (unit.kind === 'scope') {
    return refused(
      403,
      `The scope ${unit.id} belongs to ${list} (its first publisher), so ${user} may not publish "${name}". ` +
        `Publish under a scope of your own, e.g. ${ownScopeExample(user, name)}, or ask an owner of ${unit.id}.`,
    );
  }
  return refused(
    403,
    `"${name}" belongs to ${list} (its first publisher), so ${user} may not publish it. ` +
      `Pick another name, or publish under a scope of your own, e.g. ${ownScopeExample(user, name)}.`,
  );
}

/** Changing a package's metadata (deprecating a version, moving dist-tags): its owners and the admins. */
export function decideChange(
  user: string | undefined,
  name: string,
  owners: Owners,
  admins: ReadonlySet<string>,
): Decision {
  if (!user) return signInFirst('Changing', name);
  if (admins.has(user) || owners.owners?.includes(user)) return allowed();
  return refused(
    403,
    `${user} does not own "${name}"; only its owners (${owners.owners?.join(', ') ?? 'none'}) may change it.`,
  );
}

/** Unpublishing breaks everyone who depends on the version, so only admins may do it. */
export function decideUnpublish(
  user: string | undefined,
  name: string,
  admins: ReadonlySet<string>,
  versions: readonly string[] = [],
): Decision {
  const target = versions.length > 0 ? `${name}@${versions.join(', ')}` : name;
  if (!user) return signInFirst('Unpublishing', target);
  if (admins.has(user)) return allowed();
  const range = versions.length === 1 ? versions[0] : '<version>';
  return refused(
    403,
    `Only registry admins may unpublish, so ${user} may not unpublish "${target}". ` +
      `Deprecate it instead: npm deprecate ${name}@${range} "<why, and what to use instead>".`,
  );
}
