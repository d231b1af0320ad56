import { describe, expect, it } from 'vitest';
import { cursorOf } from './client.js';
import { toPage } from './page.js';

const api = { wikiUrl: 'https://acme.atlassian.net/wiki' };

describe('toPage', () => {
  it('reads a REST v2 page with its storage body and web link', () => {
    expect(
      toPage(api, {
        id: '65537',
        status: 'current',
        title: 'Runbook',
        spaceId: '98306',
        parentId: null,
        createdAt: '2026-01-01T10:00:00.000Z',
        version: { number: 4 },
        body: { storage: { representation: 'storage', value: '<p>Hi</p>' } },
        _links: { webui: '/spaces/ENG/pages/65537/Runbook' },
      }),
    ).toEqual({
      id: '65537',
      title: 'Runbook',
      status: 'current',
      spaceId: '98306',
      parentId: null,
      version: 4,
      body: '<p>Hi</p>',
      bodyFormat: 'storage',
      url: 'https://acme.atlassian.net/wiki/spaces/ENG/pages/65537/Runbook',
      createdAt: '2026-01-01T10:00:00.000Z',
    });
  });

  it('gives ADF bodies as JSON text and null without a body', () => {
    const adf = { type: 'doc', version: 1, content: [] };
    expect(toPage(api, { id: '1', body: { atlas_doc_format: { value: adf } } })).toMatchObject({
      body: JSON.stringify(adf),
      bodyFormat: 'atlas_doc_format',
    });
    expect(toPage(api, { id: '1', body: {} })).toMatchObject({ body: null, bodyFormat: null, url: null });
  });
});

describe('cursorOf', () => {
  it('takes the cursor out of a relative _links.next', () => {
    expect(cursorOf('/wiki/api/v2/spaces?limit=2&cursor=eyJpZCI6Mn0')).toBe('eyJpZCI6Mn0');
    expect(cursorOf(undefined)).toBeNull();
  });
});
