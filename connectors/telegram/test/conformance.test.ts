import { type ConnectorUnderTest, loadConnector } from '@mova/runtime/testing';
import { actionCalls } from '@mova/sdk/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BOT, type Chat, type StoredMessage, startTelegram, type TelegramReference } from './telegram-api.js';

// Every action and the trigger through the sandbox users run them in, against the loopback Bot API server
// of telegram-api.ts (its header names the Bot API documentation sections each answer follows). The server
// is reached the way a self-hosted telegram-bot-api server is: through the connection's apiUrl
// (network.connectionHosts), not a test-only allowance.
let telegram: TelegramReference;
let connector: ConnectorUnderTest;
let auth: { botToken: string; apiUrl: string };

const ALERTS: Chat = { id: -1001234567890, type: 'supergroup', title: 'Build alerts' };
const CHANNEL: Chat = {
  id: -1009876543210,
  type: 'channel',
  title: 'MOVA updates',
  username: 'movaupdates',
  description: 'Release notes',
};
const ADA: Chat = { id: 111222333, type: 'private', first_name: 'Ada' };

beforeAll(async () => {
  telegram = await startTelegram();
  telegram.chats.push(ALERTS, CHANNEL, ADA);
  connector = await loadConnector({ dir: new URL('..', import.meta.url) });
  auth = { botToken: BOT.token, apiUrl: telegram.apiUrl };
});
afterAll(async () => {
  await connector?.close();
  await telegram?.close();
});
beforeEach(() => {
  telegram.messages.length = 0;
  telegram.messages.push({ message_id: 7, chat: ALERTS, date: 1764579600, text: 'Build 42 running' });
  telegram.calls.length = 0;
  telegram.server.requests.length = 0;
  telegram.updates.length = 0;
  telegram.webhookUrl = undefined;
});

const { run, call: fail, runExamples } = actionCalls({ connector: () => connector, auth: () => auth });
const lastCall = () => telegram.calls.at(-1);
const held = (chat: Chat, id: unknown) => telegram.messages.find((m) => m.chat.id === chat.id && m.message_id === id);

describe('every example in the manifest', () => {
  it('runs in a story order and gives the output it shows', async () => {
    const order = [
      'messages.send',
      'photos.send',
      'documents.send',
      'messages.editText',
      'chats.get',
      'messages.delete',
    ];
    await runExamples(order, { triggers: true });
    expect(telegram.server.unmatched).toEqual([]);
  });
});

describe('messages', () => {
  it('sends HTML with an inline keyboard as a silent reply, and returns the message', async () => {
    const keyboard = { inline_keyboard: [[{ text: 'Retry', callback_data: 'retry:42' }]] };
    const sent = await run('messages.send', {
      chatId: ALERTS.id,
      text: '<b>Build 42</b> failed &amp; needs you',
      parseMode: 'HTML',
      replyMarkup: keyboard,
      replyTo: 7,
      disableNotification: true,
      disableLinkPreview: true,
    });
    const stored = held(ALERTS, 8) as StoredMessage;
    expect(sent).toEqual({
      messageId: 8,
      chatId: ALERTS.id,
      chatType: 'supergroup',
      date: new Date(stored.date * 1000).toISOString(),
      fromId: BOT.id,
      fromUsername: BOT.username,
      text: 'Build 42 failed & needs you',
      replyToMessageId: 7,
    });
    expect(stored.reply_markup).toEqual(keyboard);
    expect(lastCall()).toMatchObject({
      method: 'sendMessage',
      contentType: 'application/json',
      params: {
        chat_id: ALERTS.id,
        parse_mode: 'HTML',
        reply_parameters: { message_id: 7 },
        disable_notification: true,
        link_preview_options: { is_disabled: true },
      },
    });
    expect(telegram.server.requests.at(-1)?.path).toBe(`/bot${BOT.token}/sendMessage`);
  });

  it('passes Telegram’s refusal of unescaped MarkdownV2 and of a text-only inline button as invalid input', async () => {
    const markdown = await fail('messages.send', { chatId: ALERTS.id, text: 'Done.', parseMode: 'MarkdownV2' });
    expect(markdown).toMatchObject({
      status: 'failed',
      error: { kind: 'invalid_input', status: 400, message: expect.stringContaining("Character '.' is reserved") },
    });
    const escaped = await run('messages.send', { chatId: ALERTS.id, text: '*Done*\\.', parseMode: 'MarkdownV2' });
    expect(escaped.text).toBe('Done.');
    const button = await fail('messages.send', {
      chatId: ALERTS.id,
      text: 'x',
      replyMarkup: { inline_keyboard: [[{ text: 'plain' }]] },
    });
    expect(button).toMatchObject({ status: 'failed', error: { kind: 'invalid_input' } });
  });

  it('edits text, reports an unchanged edit as a conflict, deletes, and a second delete as not found', async () => {
    const edited = await run('messages.editText', {
      chatId: ALERTS.id,
      messageId: 7,
      text: 'Build 42 <i>fixed</i>',
      parseMode: 'HTML',
      replyMarkup: { inline_keyboard: [[{ text: 'Open', url: 'https://ci.example.com/42' }]] },
    });
    expect(edited).toMatchObject({ messageId: 7, text: 'Build 42 fixed', editDate: expect.any(String) });
    const same = await fail('messages.editText', {
      chatId: ALERTS.id,
      messageId: 7,
      text: 'Build 42 fixed',
      replyMarkup: { inline_keyboard: [[{ text: 'Open', url: 'https://ci.example.com/42' }]] },
    });
    expect(same).toMatchObject({
      status: 'failed',
      error: { kind: 'conflict', hint: expect.stringContaining('same') },
    });

    expect(await run('messages.delete', { chatId: String(ALERTS.id), messageId: 7 })).toEqual({ deleted: true });
    expect(held(ALERTS, 7)).toBeUndefined();
    const again = await fail('messages.delete', { chatId: ALERTS.id, messageId: 7 });
    expect(again).toMatchObject({
      status: 'failed',
      error: {
        kind: 'not_found',
        message: expect.stringContaining('Telegram answered 400: Bad Request: message to delete not found'),
      },
    });
  });

  it('reads a chat by @username, and reports an unknown chat as not found with a hint', async () => {
    const chat = await run('chats.get', { chatId: '@movaupdates' });
    expect(chat).toEqual({
      id: CHANNEL.id,
      type: 'channel',
      title: 'MOVA updates',
      username: 'movaupdates',
      description: 'Release notes',
      isForum: false,
    });
    const ada = await run('chats.get', { chatId: ADA.id });
    expect(ada).toEqual({ id: ADA.id, type: 'private', firstName: 'Ada', isForum: false });
    const missing = await fail('chats.get', { chatId: 42 });
    expect(missing).toMatchObject({
      status: 'failed',
      error: { kind: 'not_found', hint: expect.stringContaining('member') },
    });
  });
});

describe('files', () => {
  it('uploads a photo from base64 as multipart, then sends it again by file_id as JSON', async () => {
    const bytes = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]);
    const sent = await run('photos.send', {
      chatId: ADA.id,
      content: bytes.toString('base64'),
      filename: 'chart.jpg',
      contentType: 'image/jpeg',
      caption: 'Daily <b>sales</b>',
      parseMode: 'HTML',
      replyMarkup: { inline_keyboard: [[{ text: 'More', url: 'https://example.com' }]] },
    });
    const call = lastCall();
    expect(call?.contentType).toMatch(/^multipart\/form-data; boundary=/);
    expect(call?.params).toMatchObject({
      chat_id: String(ADA.id),
      caption: 'Daily <b>sales</b>',
      parse_mode: 'HTML',
      reply_markup: { inline_keyboard: [[{ text: 'More', url: 'https://example.com' }]] },
      photo: { filename: 'chart.jpg', contentType: 'image/jpeg' },
    });
    const fileId = sent.photoFileId as string;
    expect(telegram.files.get(fileId)?.bytes).toEqual(bytes);
    expect(sent).toMatchObject({ chatId: ADA.id, chatType: 'private', caption: 'Daily sales' });

    const again = await run('photos.send', { chatId: ALERTS.id, fileId, hasSpoiler: true });
    expect(lastCall()).toMatchObject({
      contentType: 'application/json',
      params: { photo: fileId, has_spoiler: true },
    });
    expect(again.photoFileId).toBe(fileId);
  });

  it('uploads a document from text with its name and type, and by URL', async () => {
    const sent = await run('documents.send', {
      chatId: ALERTS.id,
      content: 'id,total\n1,42\n',
      encoding: 'text',
      filename: 'report.csv',
      contentType: 'text/csv',
    });
    expect(sent.document).toEqual({
      fileId: expect.stringMatching(/^BQAC/),
      fileName: 'report.csv',
      mimeType: 'text/csv',
      fileSize: 14,
    });
    expect(telegram.files.get((sent.document as { fileId: string }).fileId)?.bytes?.toString()).toBe(
      'id,total\n1,42\n',
    );
    const byUrl = await run('documents.send', { chatId: ALERTS.id, url: 'https://files.example.com/q3.pdf' });
    expect(byUrl.document).toMatchObject({ fileName: 'q3.pdf' });
    expect(lastCall()?.params.document).toBe('https://files.example.com/q3.pdf');
  });

  it('refuses two file sources, and bad base64, before calling Telegram', async () => {
    const both = await fail('documents.send', { chatId: ALERTS.id, fileId: 'BQAC1', url: 'https://x.example.com/a' });
    expect(both).toMatchObject({
      status: 'failed',
      error: { kind: 'invalid_input', message: expect.stringContaining('exactly one') },
    });
    const bad = await fail('photos.send', { chatId: ALERTS.id, content: 'not base64!' });
    expect(bad).toMatchObject({ status: 'failed', error: { kind: 'invalid_input' } });
    expect(telegram.calls).toEqual([]);
  });

  it('reports an unknown file_id as invalid input with a hint', async () => {
    const result = await fail('photos.send', { chatId: ALERTS.id, fileId: 'AgACnope' });
    expect(result).toMatchObject({
      status: 'failed',
      error: { kind: 'invalid_input', hint: expect.stringContaining('file_id') },
    });
  });
});

describe('updates.new', () => {
  it('records the backlog on the first poll, then emits each new update once and confirms it by offset', async () => {
    const input = { allowedUpdates: ['message', 'callback_query'], limit: 100 };
    telegram.pushUpdate('message', { message_id: 1, chat: ADA, date: 1764579600, text: 'old', from: { id: ADA.id } });
    const first = await connector.poll('updates.new', input, { auth });
    expect(first).toMatchObject({ status: 'completed', items: [] });
    expect(telegram.updates).toEqual([]);

    const a = telegram.pushUpdate('message', {
      message_id: 2,
      chat: ADA,
      date: 1764579660,
      text: '/status',
      from: { id: ADA.id, username: 'ada' },
    });
    const b = telegram.pushUpdate('callback_query', {
      id: 'cbq-1',
      from: { id: ADA.id },
      data: 'retry:42',
      message: { message_id: 8, chat: ALERTS, date: 1764579600, text: 'Build 42 failed' },
    });
    const second = await connector.poll('updates.new', input, { auth, state: first.state });
    expect(second.items).toEqual([
      {
        updateId: a,
        type: 'message',
        message: {
          messageId: 2,
          chatId: ADA.id,
          chatType: 'private',
          date: '2025-12-01T09:01:00.000Z',
          fromId: ADA.id,
          fromUsername: 'ada',
          text: '/status',
        },
        update: expect.objectContaining({ update_id: a, message: expect.objectContaining({ text: '/status' }) }),
      },
      {
        updateId: b,
        type: 'callback_query',
        callbackQuery: { id: 'cbq-1', fromId: ADA.id, data: 'retry:42', messageId: 8, chatId: ALERTS.id },
        update: expect.objectContaining({ update_id: b }),
      },
    ]);
    const reads = telegram.calls.filter((c) => c.method === 'getUpdates').slice(-2);
    expect(reads.map((c) => c.params)).toEqual([
      { limit: 100, timeout: 0, allowed_updates: ['message', 'callback_query'] },
      { offset: b + 1, limit: 1, timeout: 0 },
    ]);
    expect(telegram.updates).toEqual([]);

    const third = await connector.poll('updates.new', input, { auth, state: second.state });
    expect(third).toMatchObject({ status: 'completed', items: [] });
  });

  it('reports an active webhook as a conflict with a hint', async () => {
    telegram.webhookUrl = 'https://hooks.example.com/telegram';
    const result = await connector.poll('updates.new', { limit: 10 }, { auth });
    expect(result).toMatchObject({
      status: 'failed',
      error: { kind: 'conflict', hint: expect.stringContaining('deleteWebhook') },
    });
  });
});

describe('failures', () => {
  it('reports a refused token as an auth failure without putting the token in the message', async () => {
    const wrong = '7000000001:AAHwrong-token-value';
    const result = await fail('chats.get', { chatId: ADA.id }, { ...auth, botToken: wrong });
    expect(result).toMatchObject({ status: 'failed', error: { kind: 'auth', status: 401 } });
    expect(JSON.stringify(result.error)).not.toContain('AAHwrong');
  });

  it('waits out a short flood-control answer by its retry_after and sends again', async () => {
    telegram.server.answerNext('POST', `/bot${BOT.token}/sendMessage`, {
      status: 429,
      body: {
        ok: false,
        error_code: 429,
        description: 'Too Many Requests: retry after 1',
        parameters: { retry_after: 1 },
      },
    });
    const started = Date.now();
    await run('messages.send', { chatId: ALERTS.id, text: 'after the flood' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(telegram.server.requests.filter((r) => r.path.endsWith('/sendMessage'))).toHaveLength(2);
  });

  it('hands a long flood wait to the runtime with retry_after', async () => {
    telegram.server.answerNext('POST', `/bot${BOT.token}/sendMessage`, {
      status: 429,
      body: {
        ok: false,
        error_code: 429,
        description: 'Too Many Requests: retry after 45',
        parameters: { retry_after: 45 },
      },
    });
    const result = await fail('messages.send', { chatId: ALERTS.id, text: 'x' });
    expect(result).toMatchObject({ status: 'failed', error: { kind: 'rate_limit', status: 429, retryAfter: 45 } });
    expect(telegram.server.requests).toHaveLength(1);
  });

  it('reports a group that became a supergroup with the new chat id in the hint', async () => {
    telegram.server.answerNext('POST', `/bot${BOT.token}/sendMessage`, {
      status: 400,
      body: {
        ok: false,
        error_code: 400,
        description: 'Bad Request: group chat was upgraded to a supergroup chat',
        parameters: { migrate_to_chat_id: -1001111111111 },
      },
    });
    const result = await fail('messages.send', { chatId: -4444, text: 'x' });
    expect(result).toMatchObject({
      status: 'failed',
      error: { kind: 'invalid_input', hint: expect.stringContaining('-1001111111111') },
    });
  });
});
