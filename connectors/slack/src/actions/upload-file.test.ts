// The three-step flow of https://docs.slack.dev/reference/methods/files.getUploadURLExternal: get an upload URL,
// POST the bytes to it, then https://docs.slack.dev/reference/methods/files.completeUploadExternal shares the file.
import { runAction } from '@mova/sdk';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { connection, slackApi } from '../../test/slack-api.js';
import connector from '../index.js';

const UPLOAD_PATH = '/upload/v1/CwABAAAAXAoAAZnxqfY';

function mockUploadUrl(filename: string, length: number) {
  slackApi()
    .post('/api/files.getUploadURLExternal', { filename, length: String(length) })
    .reply(200, { ok: true, upload_url: `https://files.slack.com${UPLOAD_PATH}`, file_id: 'F07ABCDEF12' });
}

describe('files.upload', () => {
  it('uploads text content and shares it in a thread with a comment', async () => {
    const content = 'id,total\n1,42\n';
    mockUploadUrl('report.csv', Buffer.byteLength(content));
    let uploaded = '';
    nock('https://files.slack.com')
      .post(UPLOAD_PATH, (body: string) => {
        uploaded = body;
        return true;
      })
      .reply(200, 'OK - 14');
    slackApi()
      .post('/api/files.completeUploadExternal', {
        files: JSON.stringify([{ id: 'F07ABCDEF12', title: 'Daily report' }]),
        channel_id: 'C0123456789',
        initial_comment: 'Here is today’s report',
        thread_ts: '1712345678.000100',
      })
      .reply(200, { ok: true, files: [{ id: 'F07ABCDEF12', title: 'Daily report', name: 'report.csv' }] });

    const out = await runAction(
      connector,
      'files.upload',
      {
        channel: 'C0123456789',
        filename: 'report.csv',
        content,
        title: 'Daily report',
        initialComment: 'Here is today’s report',
        threadTs: '1712345678.000100',
      },
      { auth: connection },
    );
    expect(out).toEqual({ fileId: 'F07ABCDEF12', title: 'Daily report', name: 'report.csv' });
    expect(uploaded).toContain(content);
  });

  it('decodes base64 content and uploads the raw bytes', async () => {
    const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff]);
    mockUploadUrl('pixel.png', bytes.length);
    let uploaded = '';
    nock('https://files.slack.com')
      .post(UPLOAD_PATH, (body: string) => {
        uploaded = body;
        return true;
      })
      .reply(200, 'OK - 10');
    slackApi()
      .post('/api/files.completeUploadExternal', {
        files: JSON.stringify([{ id: 'F07ABCDEF12', title: 'pixel.png' }]),
        channel_id: 'C0123456789',
      })
      .reply(200, { ok: true, files: [{ id: 'F07ABCDEF12', title: 'pixel.png' }] });

    const out = await runAction(
      connector,
      'files.upload',
      { channel: 'C0123456789', filename: 'pixel.png', contentBase64: bytes.toString('base64') },
      { auth: connection },
    );
    expect(out).toEqual({ fileId: 'F07ABCDEF12', title: 'pixel.png' });
    // nock hands over a body that is not valid UTF-8 as hex.
    expect(uploaded).toContain(bytes.toString('hex'));
  });

  it.each([
    ['both content and contentBase64', { content: 'a', contentBase64: 'YWJj' }],
    ['neither content nor contentBase64', {}],
  ])('refuses input with %s before calling Slack', async (_, contents) => {
    const input = { channel: 'C1', filename: 'a.txt', ...contents };
    await expect(runAction(connector, 'files.upload', input, { auth: connection })).rejects.toMatchObject({
      kind: 'invalid_input',
      message: 'files.upload needs exactly one of content or contentBase64',
    });
  });

  it('maps an error from the first step and uploads nothing', async () => {
    slackApi().post('/api/files.getUploadURLExternal').reply(200, { ok: false, error: 'invalid_auth' });
    await expect(
      runAction(connector, 'files.upload', { channel: 'C1', filename: 'a.txt', content: 'a' }, { auth: connection }),
    ).rejects.toMatchObject({ kind: 'auth', vendorMessage: 'invalid_auth', actionKey: 'files.upload' });
  });

  it('maps channel_not_found from the completing step', async () => {
    mockUploadUrl('a.txt', 1);
    nock('https://files.slack.com').post(UPLOAD_PATH).reply(200, 'OK - 1');
    slackApi().post('/api/files.completeUploadExternal').reply(200, { ok: false, error: 'channel_not_found' });
    await expect(
      runAction(connector, 'files.upload', { channel: 'C404', filename: 'a.txt', content: 'a' }, { auth: connection }),
    ).rejects.toMatchObject({ kind: 'not_found', vendorMessage: 'channel_not_found' });
  });
});
