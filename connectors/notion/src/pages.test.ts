import { describe, expect, it } from 'vitest';
import { pageOf, plainOf } from './pages.js';

const text = (content: string) => [{ type: 'text', text: { content, link: null }, plain_text: content, href: null }];

describe('plainOf', () => {
  it.each([
    [{ type: 'title', title: [...text('Fix '), ...text('login')] }, 'Fix login'],
    [{ type: 'rich_text', rich_text: [] }, ''],
    [{ type: 'number', number: 3 }, 3],
    [{ type: 'checkbox', checkbox: true }, true],
    [{ type: 'select', select: { id: 'a', name: 'High' } }, 'High'],
    [{ type: 'select', select: null }, null],
    [{ type: 'status', status: { id: 'b', name: 'Done' } }, 'Done'],
    [{ type: 'multi_select', multi_select: [{ name: 'web' }, { name: 'auth' }] }, ['web', 'auth']],
    [{ type: 'date', date: { start: '2026-01-02', end: null } }, '2026-01-02'],
    [{ type: 'people', people: [{ object: 'user', id: 'u1' }] }, ['u1']],
    [{ type: 'relation', relation: [{ id: 'p1' }, { id: 'p2' }] }, ['p1', 'p2']],
    [{ type: 'unique_id', unique_id: { prefix: 'BUG', number: 42 } }, 'BUG-42'],
    [{ type: 'formula', formula: { type: 'number', number: 7 } }, 7],
    [{ type: 'formula', formula: { type: 'string', string: 'ok' } }, 'ok'],
    [{ type: 'rollup', rollup: { type: 'array', array: [] } }, null],
  ])('%j → %j', (property, plain) => {
    expect(plainOf(property)).toEqual(plain);
  });
});

describe('pageOf', () => {
  it('gives the title, plain values, parent and the raw properties of a full page', () => {
    const properties = {
      Name: { id: 'title', type: 'title', title: text('Roadmap') },
      Points: { id: 'x', type: 'number', number: 5 },
    };
    const page = pageOf({
      object: 'page',
      id: 'p1',
      url: 'https://www.notion.so/p1',
      created_time: '2026-01-01T10:00:00.000Z',
      last_edited_time: '2026-01-02T10:00:00.000Z',
      in_trash: false,
      archived: false,
      parent: { type: 'data_source_id', data_source_id: 'ds1', database_id: 'db1' },
      properties,
    } as unknown as Parameters<typeof pageOf>[0]);
    expect(page).toEqual({
      id: 'p1',
      url: 'https://www.notion.so/p1',
      createdTime: '2026-01-01T10:00:00.000Z',
      lastEditedTime: '2026-01-02T10:00:00.000Z',
      inTrash: false,
      parent: { type: 'data_source_id', id: 'ds1' },
      title: 'Roadmap',
      values: { Name: 'Roadmap', Points: 5 },
      properties,
    });
  });

  it('leaves out a partial page (no url: the integration may not read it)', () => {
    expect(pageOf({ object: 'page', id: 'p2' })).toBeUndefined();
  });
});
