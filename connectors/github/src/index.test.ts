import { buildManifest, checkConventions, validateManifest } from '@mova/sdk';
import { describe, expect, it } from 'vitest';
import connector from './index.js';

describe('@mova/connector-github manifest', () => {
  const manifest = buildManifest(connector, { name: '@mova/connector-github', version: '1.0.0' });

  it('is valid, with every example matching its schemas', () => {
    expect(validateManifest(manifest)).toEqual([]);
  });

  it('keeps the publishing conventions: descriptions and examples everywhere', () => {
    expect(checkConventions(manifest)).toEqual([]);
  });

  it('declares the token as a secret and reaches only api.github.com or the Enterprise Server in baseUrl', () => {
    expect(manifest.auth).toMatchObject({ kind: 'bearer', validate: true });
    expect(manifest.auth.schema).toMatchObject({
      properties: {
        token: { writeOnly: true },
        baseUrl: { type: 'string', format: 'uri', pattern: '^https?://' },
      },
      required: ['token'],
    });
    expect(manifest.auth.schema.properties).not.toHaveProperty('baseUrl.writeOnly');
    expect(manifest.network).toEqual({ allow: ['api.github.com'], connectionHosts: ['baseUrl'] });
  });

  it('lists the actions, the polling trigger and the webhook trigger', () => {
    expect(manifest.actions.map((a) => a.key)).toEqual([
      'issues.create',
      'issues.get',
      'issues.list',
      'issues.update',
      'issues.createComment',
      'issues.addLabels',
      'pulls.list',
      'pulls.get',
      'pulls.create',
      'pulls.merge',
      'repos.get',
      'releases.create',
      'releases.list',
      'releases.getLatest',
      'workflows.dispatch',
      'search.issues',
      'search.repositories',
    ]);
    expect(manifest.triggers).toEqual([
      expect.objectContaining({ key: 'issues.new', kind: 'polling', dedupe: { by: 'id', field: 'id' } }),
      expect.objectContaining({ key: 'issues.opened', kind: 'webhook' }),
    ]);
  });
});
