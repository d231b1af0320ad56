import { describe, expect, it } from 'vitest';
import { toCard } from './cards.js';
import { createdAtOf } from './triggers/new-card.js';

describe('cards', () => {
  it('reads the creation time out of a Trello ID', () => {
    expect(createdAtOf('5abbe4b7ddc1b351ef961414')).toBe('2018-03-28T18:53:43.000Z');
  });

  it('keeps the output’s fields only, with defaults for the ones a card leaves out', () => {
    expect(
      toCard({
        id: '5abbe4b7ddc1b351ef961414',
        name: 'Card',
        desc: '',
        url: 'https://trello.com/c/abc/card',
        shortUrl: 'https://trello.com/c/abc',
        idList: 'l',
        idBoard: 'b',
        idMembers: [],
        labels: [{ id: 'x', name: '', color: null }],
        due: null,
        dueComplete: false,
        start: null,
        closed: false,
        pos: 1,
        dateLastActivity: '2026-01-05T09:00:00.000Z',
        badges: { votes: 0 },
      }),
    ).toEqual({
      id: '5abbe4b7ddc1b351ef961414',
      name: 'Card',
      desc: '',
      url: 'https://trello.com/c/abc/card',
      shortUrl: 'https://trello.com/c/abc',
      idList: 'l',
      idBoard: 'b',
      idMembers: [],
      labels: [{ id: 'x', name: '', color: null }],
      due: null,
      dueComplete: false,
      start: null,
      closed: false,
      pos: 1,
      dateLastActivity: '2026-01-05T09:00:00.000Z',
    });
  });
});
