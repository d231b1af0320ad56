import { describe, expect, it } from 'vitest';
import { parseManifest } from './apply-manifest.js';

describe('parseManifest', () => {
  it('reads YAML documents, skipping empty ones, and JSON', () => {
    const yaml =
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\n---\napiVersion: v1\nkind: Secret\nmetadata: {name: b}\n';
    expect(parseManifest(yaml).map((o) => o.metadata?.name)).toEqual(['a', 'b']);
    expect(parseManifest('{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"x"}}')[0]?.kind).toBe('Namespace');
  });

  it('spreads a List into its items', () => {
    const list = JSON.stringify({
      apiVersion: 'v1',
      kind: 'List',
      items: [
        { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' } },
        { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'b' } },
      ],
    });
    expect(parseManifest(list).map((o) => o.kind)).toEqual(['ConfigMap', 'Deployment']);
  });

  it('refuses broken YAML, an empty manifest and objects without kind or name', () => {
    expect(() => parseManifest('a: [')).toThrow(/not valid YAML/);
    expect(() => parseManifest('---\n')).toThrow(/no objects/);
    expect(() => parseManifest('apiVersion: v1\nkind: ConfigMap\nmetadata: {}\n')).toThrow(/object 1 .* lacks/);
  });
});
