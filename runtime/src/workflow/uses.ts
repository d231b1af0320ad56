import { semver } from '../semver.js';
import { closest } from '../suggest.js';

/** What a `uses` names: a built-in, or an action of a connector package within a version range. */
export type UsesRef =
  | { kind: 'builtin'; name: string }
  | { kind: 'connector'; package: string; connector: string; action: string; range: string };

export type UsesParse = { ok: true; ref: UsesRef } | { ok: false; message: string; hint: string };

const SCOPED = /^(@[a-z0-9][a-z0-9._-]*\/[a-z0-9][a-z0-9._-]*)\/([^@/]+)(?:@(.*))?$/;
const BARE = /^([a-z][a-z0-9]*(?:-[a-z0-9]+)*)\/([^@/]+)(?:@(.*))?$/;
const ACTION_KEY = /^[a-z][a-zA-Z0-9]*(\.[a-z][a-zA-Z0-9]*)*$/;

/**
 * Reads `github/issues.create@^2` (bare names mean `@mova/connector-<name>`),
 * `@acme/connector-crm/deals.create@~1.4` or a built-in such as `http_fetch`.
 */
export function parseUses(text: string, builtins: readonly string[]): UsesParse {
  if (!text.includes('/')) {
    if (builtins.includes(text)) return { ok: true, ref: { kind: 'builtin', name: text } };
    const near = closest(text, builtins);
    return {
      ok: false,
      message: `"${text}" is not a built-in`,
      hint: near
        ? `Did you mean "${near}"? Connector actions are written "<connector>/<action>@<range>".`
        : `Built-ins: ${builtins.join(', ')}. Connector actions are written "<connector>/<action>@<range>".`,
    };
  }
  const match = SCOPED.exec(text) ?? BARE.exec(text);
  if (!match) {
    return {
      ok: false,
      message: `"${text}" is not a connector action reference`,
      hint: 'Write "<connector>/<action>@<range>" (e.g. "github/issues.create@^2") or "@scope/connector-x/<action>@<range>".',
    };
  }
  const [, name = '', action = '', range] = match;
  const scoped = name.startsWith('@');
  const pkg = scoped ? name : `@mova/connector-${name}`;
  if (!ACTION_KEY.test(action)) {
    return {
      ok: false,
      message: `"${action}" is not an action key`,
      hint: 'Action keys are dotted camelCase, e.g. "issues.create" or "chat.postMessage".',
    };
  }
  if (range === undefined || range.trim() === '') {
    return {
      ok: false,
      message: `"${text}" has no version range`,
      hint: `Pin a range so a new major version cannot change the workflow, e.g. "${text}@^1".`,
    };
  }
  if (semver().validRange(range) === null) {
    return {
      ok: false,
      message: `"${range}" is not a valid semver range`,
      hint: 'Use an exact version ("1.4.2"), a caret or tilde range ("^1.4", "~1.4.2") or a comparison (">=1.2 <2").',
    };
  }
  return { ok: true, ref: { kind: 'connector', package: pkg, connector: scoped ? pkg : name, action, range } };
}
