import { describe, expect, it } from 'vitest';
import { outlookErrors } from './client.js';
import { eventOf } from './events.js';
import { fileAttachmentsOf, messageOf, recipientsOf } from './mail.js';

describe('mail mapping', () => {
  it('turns addresses and named recipients into Graph recipients', () => {
    expect(recipientsOf(['a@contoso.com', { address: 'b@contoso.com', name: 'B' }])).toEqual([
      { emailAddress: { address: 'a@contoso.com' } },
      { emailAddress: { address: 'b@contoso.com', name: 'B' } },
    ]);
  });

  it('encodes attachments as fileAttachment contentBytes, and refuses bad base64', () => {
    expect(fileAttachmentsOf([{ name: 'a.txt', content: 'hi', encoding: 'text' }], 'mail.send')).toEqual([
      {
        '@odata.type': '#microsoft.graph.fileAttachment',
        name: 'a.txt',
        contentType: 'text/plain',
        contentBytes: 'aGk=',
      },
    ]);
    expect(() => fileAttachmentsOf([{ name: 'a.bin', content: 'a' }], 'mail.send')).toThrow(/base64/);
  });

  it('reads a Graph message, leaving out the body unless asked', () => {
    const raw = {
      id: 'm1',
      subject: null,
      from: { emailAddress: { address: 'x@fabrikam.com', name: 'X' } },
      toRecipients: [{ emailAddress: { address: 'y@contoso.com' } }, { emailAddress: null }],
      body: { contentType: 'html', content: '<p>hi</p>' },
    };
    expect(messageOf(raw)).toEqual({
      id: 'm1',
      subject: '',
      from: { address: 'x@fabrikam.com', name: 'X' },
      to: [{ address: 'y@contoso.com' }],
      cc: [],
      isRead: false,
      isDraft: false,
      hasAttachments: false,
      importance: 'normal',
      bodyPreview: '',
    });
    expect(messageOf(raw, true).body).toEqual({ contentType: 'html', content: '<p>hi</p>' });
  });

  it('reads a Graph event with its attendees’ answers and Teams link', () => {
    const event = eventOf({
      id: 'e1',
      subject: 'Sync',
      start: { dateTime: '2026-12-09T09:00:00.0000000', timeZone: 'UTC' },
      end: { dateTime: '2026-12-09T09:30:00.0000000', timeZone: 'UTC' },
      attendees: [{ emailAddress: { address: 'a@contoso.com' }, type: 'optional', status: { response: 'accepted' } }],
      isOnlineMeeting: true,
      onlineMeeting: { joinUrl: 'https://teams.microsoft.com/l/meetup-join/1' },
    });
    expect(event).toMatchObject({
      attendees: [{ address: 'a@contoso.com', type: 'optional', response: 'accepted' }],
      joinUrl: 'https://teams.microsoft.com/l/meetup-join/1',
      isAllDay: false,
    });
  });

  it('names Outlook in failures', () => {
    const missing = Object.assign(new Error('The specified object was not found in the store.'), {
      statusCode: 404,
      code: 'ErrorItemNotFound',
      requestId: 'r',
    });
    expect(outlookErrors.toConnectorError(missing).message).toBe(
      'Outlook answered 404 ErrorItemNotFound: The specified object was not found in the store.',
    );
  });
});
