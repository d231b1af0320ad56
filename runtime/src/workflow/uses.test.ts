import { describe, expect, it } from 'vitest';
import { parseUses } from './uses.js';

const builtins = ['http_fetch'];

describe('parseUses', () => {
  it('maps a bare connector name to @mova/connector-<name>', () => {
    expect(parseUses('github/issues.create@^2', builtins)).toEqual({
      ok: true,
      ref: {
        kind: 'connector',
        package: '@mova/connector-github',
        connector: 'github',
        action: 'issues.create',
        range: '^2',
      },
    });
  });

  it('keeps a scoped third-party package as it is', () => {
    expect(parseUses('@acme/connector-crm/deals.create@>=1.2 <2', builtins)).toEqual({
      ok: true,
      ref: {
        kind: 'connector',
        package: '@acme/connector-crm',
        connector: '@acme/connector-crm',
        action: 'deals.create',
        range: '>=1.2 <2',
      },
    });
  });

  it('recognises a built-in', () => {
    expect(parseUses('http_fetch', builtins)).toEqual({ ok: true, ref: { kind: 'builtin', name: 'http_fetch' } });
  });

  it.each([
    ['http_fech', 'is not a built-in', 'Did you mean "http_fetch"?'],
    ['github/issues.create', 'has no version range', 'github/issues.create@^1'],
    ['github/issues.create@^^2', 'is not a valid semver range', 'caret or tilde'],
    ['github/Issues-create@1', 'is not an action key', 'dotted camelCase'],
    ['GitHub/issues.create@1', 'is not a connector action reference', '<connector>/<action>@<range>'],
  ])('refuses %j', (text, message, hint) => {
    const parsed = parseUses(text, builtins);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.message).toContain(message);
    expect(parsed.hint).toContain(hint);
  });
});
