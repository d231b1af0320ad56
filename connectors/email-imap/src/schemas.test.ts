import type { MessageStructureObject } from 'imapflow';
import { describe, expect, it } from 'vitest';
import { flagsOf, hasAttachments, searchOf, summaryOf } from './schemas.js';

describe('searchOf', () => {
  it('maps criteria to imapflow search keys; none means ALL', () => {
    expect(searchOf({})).toEqual({ all: true });
    expect(
      searchOf({
        from: 'a@x',
        subject: 'inv',
        since: '2025-03-01',
        unseen: true,
        flagged: false,
        larger: 10,
        header: { 'X-A': '1' },
      }),
    ).toEqual({
      from: 'a@x',
      subject: 'inv',
      since: '2025-03-01',
      seen: false,
      flagged: false,
      larger: 10,
      header: { 'X-A': '1' },
    });
    expect(searchOf({ unseen: false })).toEqual({ seen: true });
  });
});

describe('hasAttachments', () => {
  const leaf = (type: string, extra: Partial<MessageStructureObject> = {}): MessageStructureObject => ({
    part: '1',
    type,
    ...extra,
  });
  it('finds attachments by disposition or a named non-text part', () => {
    expect(hasAttachments(leaf('text/plain'))).toBe(false);
    expect(
      hasAttachments({
        type: 'multipart/mixed',
        childNodes: [leaf('text/plain'), leaf('text/csv', { disposition: 'attachment' })],
      }),
    ).toBe(true);
    expect(
      hasAttachments({
        type: 'multipart/mixed',
        childNodes: [leaf('application/pdf', { parameters: { name: 'a.pdf' } })],
      }),
    ).toBe(true);
    expect(
      hasAttachments({
        type: 'multipart/related',
        childNodes: [leaf('image/png', { disposition: 'inline', dispositionParameters: { filename: 'l.png' } })],
      }),
    ).toBe(false);
  });
});

describe('summaryOf', () => {
  it('gives empty strings and nulls for what the envelope lacks', () => {
    expect(summaryOf({ seq: 1, uid: 5, flags: new Set(['\\Seen']), size: 10 }, 'INBOX', 9)).toEqual({
      uid: 5,
      uidValidity: 9,
      mailbox: 'INBOX',
      messageId: '',
      subject: '',
      from: [],
      to: [],
      cc: [],
      replyTo: [],
      inReplyTo: '',
      date: null,
      receivedAt: null,
      flags: ['\\Seen'],
      size: 10,
      hasAttachments: false,
    });
  });
});

describe('flagsOf', () => {
  it('leaves out the session flag \\Recent', () => {
    expect(flagsOf(new Set(['\\Seen', '\\Recent', '$Label1']))).toEqual(['\\Seen', '$Label1']);
    expect(flagsOf(undefined)).toEqual([]);
  });
});
