import { createHash } from 'node:crypto';
import { loadConnector } from '@mova/runtime/testing';
import { googleConformanceSetup } from '@mova/sdk/testing';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type StoredFile, startDriveApi } from './drive-api.js';

// Every action and the trigger through the sandbox users run them in, against the loopback Drive
// API v3 of drive-api.ts (its header names the reference pages each answer follows) and Google's
// token endpoint (googleTokenIssuer from @mova/sdk/testing). The connection names both the way users name a Private
// Service Connect endpoint: apiUrl and tokenUrl, listed in network.connectionHosts.

const FOLDER = 'application/vnd.google-apps.folder';
const DOC = 'application/vnd.google-apps.document';
let inbox: StoredFile;
let archive: StoredFile;
let csv: StoredFile;
let doc: StoredFile;

const suite = googleConformanceSetup({
  hooks: { beforeAll, afterAll, beforeEach, afterEach },
  start: startDriveApi,
  load: () => loadConnector({ dir: new URL('..', import.meta.url) }),
});
const { run, call: fail, runExamples, last, requests: apiRequests } = suite;

beforeEach(() => {
  inbox = suite.api.addFile({ id: '1a2B3c4D5e6F7g8H9i0JkLmNoPqRsTuV', name: 'Inbox', mimeType: FOLDER });
  archive = suite.api.addFile({ name: 'Archive', mimeType: FOLDER });
  csv = suite.api.addFile({
    id: '0B7_OwkDsUIgFWkZYY1BOTXZ3Zjg',
    name: 'orders.csv',
    mimeType: 'text/csv',
    parents: [inbox.id],
    content: Buffer.from('id,total\n1001,42.50\n'),
  });
  doc = suite.api.addFile({
    id: '1ZdR3L3qP4Bkq8noWLJHSr_iBau0DNT4Kli4SxNc2YEo',
    name: 'Contract template',
    mimeType: DOC,
    exports: { 'application/pdf': Buffer.from('%PDF-1.7 contract'), 'text/plain': Buffer.from('Contract between …') },
  });
});

describe('every example in the manifest', () => {
  it('runs in a story order against files with the ids the examples name', async () => {
    const order = [
      'folders.create',
      'files.upload',
      'files.list',
      'files.get',
      'files.download',
      'files.copy',
      'files.share',
      'files.move',
      'files.delete',
    ];
    await runExamples(order, { triggers: true });
    expect(csv.trashed).toBe(true);
    expect(doc.permissions).toHaveLength(2);
  });
});

describe('files', () => {
  it('uploads small content in one multipart request', async () => {
    const output = await run('files.upload', {
      name: 'notes.md',
      parentId: inbox.id,
      content: '# Minutes\n',
      contentType: 'text/markdown',
      description: 'Weekly',
    });
    const stored = suite.api.files.get(String(output.id));
    expect(stored?.content?.toString()).toBe('# Minutes\n');
    expect(output).toMatchObject({
      name: 'notes.md',
      mimeType: 'text/markdown',
      size: 10,
      parents: [inbox.id],
      trashed: false,
      md5Checksum: createHash('md5').update('# Minutes\n').digest('hex'),
    });
    const request = last();
    expect(request).toMatchObject({ method: 'POST', path: '/upload/drive/v3/files' });
    expect(request?.query.get('uploadType')).toBe('multipart');
    expect(request?.headers['content-type']).toMatch(/^multipart\/related; boundary=/);
    expect(request?.headers.authorization).toMatch(/^Bearer ya29\./);
  });

  it('uploads more than 5 MB through a resumable session', async () => {
    const bytes = Buffer.alloc(5 * 1024 * 1024 + 100, 7);
    bytes.write('PK', 0);
    const output = await run('files.upload', {
      name: 'archive.zip',
      content: bytes.toString('base64'),
      encoding: 'base64',
      contentType: 'application/zip',
    });
    expect(suite.api.files.get(String(output.id))?.content?.equals(bytes)).toBe(true);
    expect(output).toMatchObject({ size: bytes.length, parents: [suite.api.rootId], mimeType: 'application/zip' });
    const [open, put] = apiRequests().slice(-2);
    expect(open).toMatchObject({ method: 'POST', path: '/upload/drive/v3/files' });
    expect(open?.query.get('uploadType')).toBe('resumable');
    expect(open?.headers['x-upload-content-length']).toBe(String(bytes.length));
    expect(open?.body).toEqual({ name: 'archive.zip' });
    expect(put).toMatchObject({ method: 'PUT', path: '/upload/drive/v3/files' });
    expect(put?.headers.authorization).toMatch(/^Bearer ya29\./);
  });

  it('converts an upload into a Google Doc when asked', async () => {
    const output = await run('files.upload', { name: 'Memo', content: 'Hello', convertTo: DOC });
    expect(output).toMatchObject({ mimeType: DOC });
    expect(output.size).toBeUndefined();
  });

  it('downloads content as text or base64, refusing files over maxBytes before reading them', async () => {
    expect(await run('files.download', { fileId: csv.id })).toMatchObject({
      id: csv.id,
      name: 'orders.csv',
      content: 'id,total\n1001,42.50\n',
      encoding: 'text',
      contentType: 'text/csv',
      size: 20,
    });
    expect(last()?.query.get('alt')).toBe('media');
    const binary = suite.api.addFile({
      name: 'logo.png',
      mimeType: 'image/png',
      content: Buffer.from([0x89, 0x50, 0xff, 0x00]),
    });
    expect(await run('files.download', { fileId: binary.id, encoding: 'base64' })).toMatchObject({
      content: 'iVD/AA==',
      encoding: 'base64',
    });

    const before = apiRequests().length;
    const big = await fail('files.download', { fileId: csv.id, maxBytes: 5 });
    expect(big).toMatchObject({ status: 'failed', error: { kind: 'invalid_input' } });
    expect(big.error?.message).toContain('20 bytes');
    expect(
      apiRequests()
        .slice(before)
        .map((r) => r.query.get('alt')),
    ).toEqual([null]);
  });

  it('exports Google files, and says how when no format is given', async () => {
    expect(await run('files.download', { fileId: doc.id, exportMimeType: 'text/plain' })).toMatchObject({
      content: 'Contract between …',
      contentType: 'text/plain',
      mimeType: DOC,
    });
    expect(last()).toMatchObject({ method: 'GET', path: `/drive/v3/files/${doc.id}/export` });
    const missing = await fail('files.download', { fileId: doc.id });
    expect(missing).toMatchObject({ status: 'failed', error: { kind: 'invalid_input' } });
    expect(missing.error?.hint).toContain('exportMimeType');
  });

  it('lists a folder, searches by name and type, and pages', async () => {
    for (const n of [1, 2, 3])
      suite.api.addFile({ name: `invoice-${n}.pdf`, mimeType: 'application/pdf', parents: [inbox.id] });
    suite.api.addFile({ name: 'invoice-old.pdf', mimeType: 'application/pdf', parents: [inbox.id], trashed: true });

    const first = await run('files.list', {
      folderId: inbox.id,
      nameContains: 'INVOICE',
      pageSize: 2,
      orderBy: 'name',
    });
    expect((first.files as { name: string }[]).map((f) => f.name)).toEqual(['invoice-1.pdf', 'invoice-2.pdf']);
    expect(last()?.query.get('q')).toBe(`'${inbox.id}' in parents and name contains 'INVOICE' and trashed = false`);
    const second = await run('files.list', {
      folderId: inbox.id,
      nameContains: 'INVOICE',
      pageSize: 2,
      orderBy: 'name',
      pageToken: first.nextPageToken,
    });
    expect(second).toEqual({ files: [expect.objectContaining({ name: 'invoice-3.pdf', parents: [inbox.id] })] });

    const folders = await run('files.list', { mimeType: FOLDER });
    expect((folders.files as { name: string }[]).map((f) => f.name).sort()).toEqual(['Archive', 'Inbox']);
    const withTrash = await run('files.list', { query: "name contains 'old'", includeTrashed: true });
    expect(withTrash.files).toEqual([expect.objectContaining({ name: 'invoice-old.pdf', trashed: true })]);

    const bad = await fail('files.list', { query: 'name ~ 1' });
    expect(bad).toMatchObject({ status: 'failed', error: { kind: 'invalid_input', status: 400 } });
  });

  it('gets metadata, copies, moves and renames', async () => {
    expect(await run('files.get', { fileId: csv.id })).toMatchObject({ id: csv.id, parents: [inbox.id], size: 20 });

    const copy = await run('files.copy', { fileId: doc.id, name: 'Contract – Acme', parentId: archive.id });
    expect(suite.api.files.get(String(copy.id))).toMatchObject({
      name: 'Contract – Acme',
      mimeType: DOC,
      parents: [archive.id],
    });
    expect(last()?.body).toEqual({ name: 'Contract – Acme', parents: [archive.id] });

    const moved = await run('files.move', { fileId: csv.id, folderId: archive.id, name: 'orders-2026.csv' });
    expect(moved).toMatchObject({ parents: [archive.id], name: 'orders-2026.csv' });
    const update = last();
    expect(update).toMatchObject({ method: 'PATCH', path: `/drive/v3/files/${csv.id}` });
    expect(update?.query.get('addParents')).toBe(archive.id);
    expect(update?.query.get('removeParents')).toBe(inbox.id);
  });

  it('trashes by default and deletes for good when asked', async () => {
    expect(await run('files.delete', { fileId: csv.id })).toEqual({ fileId: csv.id, trashed: true, deleted: false });
    expect(suite.api.files.get(csv.id)?.trashed).toBe(true);
    expect(await run('files.delete', { fileId: inbox.id, permanent: true })).toEqual({
      fileId: inbox.id,
      trashed: false,
      deleted: true,
    });
    expect(suite.api.files.has(inbox.id)).toBe(false);
    expect(suite.api.files.has(csv.id)).toBe(false);
  });

  it('shares with a user by email, with anyone by link, and checks the input first', async () => {
    expect(
      await run('files.share', {
        fileId: doc.id,
        type: 'user',
        role: 'writer',
        emailAddress: 'ada@example.com',
        emailMessage: 'Hi',
      }),
    ).toMatchObject({ type: 'user', role: 'writer', emailAddress: 'ada@example.com' });
    expect(last()?.query.get('sendNotificationEmail')).toBe('true');
    expect(last()?.query.get('emailMessage')).toBe('Hi');
    expect(await run('files.share', { fileId: doc.id, type: 'anyone', role: 'reader' })).toEqual({
      permissionId: 'anyoneWithLink',
      type: 'anyone',
      role: 'reader',
    });
    expect(doc.permissions.map((p) => p.type)).toEqual(['user', 'anyone']);

    const before = apiRequests().length;
    const noEmail = await fail('files.share', { fileId: doc.id, type: 'group', role: 'reader' });
    expect(noEmail).toMatchObject({ status: 'failed', error: { kind: 'invalid_input' } });
    expect(apiRequests().length).toBe(before);
  });

  it('creates folders', async () => {
    const folder = await run('folders.create', { name: 'Acme Corp', parentId: archive.id });
    expect(folder).toMatchObject({ name: 'Acme Corp', mimeType: FOLDER, parents: [archive.id] });
    expect(last()?.body).toEqual({ name: 'Acme Corp', mimeType: FOLDER, parents: [archive.id] });
  });
});

describe('files.new', () => {
  it('records the files there are, then emits files created in the folder, oldest first', async () => {
    const input = { folderId: inbox.id };
    const first = await suite.connector.poll('files.new', input, { auth: suite.auth });
    expect(first).toMatchObject({ status: 'completed', items: [] });
    const a = suite.api.addFile({ name: 'scan-1.pdf', mimeType: 'application/pdf', parents: [inbox.id] });
    const b = suite.api.addFile({ name: 'scan-2.pdf', mimeType: 'application/pdf', parents: [inbox.id] });
    suite.api.addFile({ name: 'elsewhere.pdf', mimeType: 'application/pdf', parents: [archive.id] });

    const second = await suite.connector.poll('files.new', input, { auth: suite.auth, state: first.state });
    expect((second.items as { id: string }[]).map((item) => item.id)).toEqual([a.id, b.id]);
    expect(last()?.query.get('orderBy')).toBe('createdTime desc');
    const third = await suite.connector.poll('files.new', input, { auth: suite.auth, state: second.state });
    expect(third.items).toEqual([]);
  });
});

describe('failures', () => {
  it('reports a missing file as not found', async () => {
    const result = await fail('files.get', { fileId: 'nope123' });
    expect(result).toMatchObject({ status: 'failed', error: { kind: 'not_found', status: 404 } });
    expect(result.error?.message).toContain('notFound');
  });

  it('reports 403 userRateLimitExceeded and 429 with Retry-After as rate limits', async () => {
    const limited = (code: number, reason: string) => ({
      status: code,
      headers: code === 429 ? { 'retry-after': '12' } : ({} as Record<string, string>),
      body: {
        error: {
          code,
          message: 'Rate Limit Exceeded',
          errors: [{ domain: 'usageLimits', reason, message: 'Rate Limit Exceeded' }],
        },
      },
    });
    suite.api.answerNext('GET', '/drive/v3/files/:id', limited(403, 'userRateLimitExceeded'));
    expect(await fail('files.get', { fileId: csv.id })).toMatchObject({
      status: 'failed',
      error: { kind: 'rate_limit', status: 403 },
    });
    suite.api.answerNext('GET', '/drive/v3/files/:id', limited(429, 'rateLimitExceeded'));
    expect(await fail('files.get', { fileId: csv.id })).toMatchObject({
      status: 'failed',
      error: { kind: 'rate_limit', status: 429, retryAfter: 12 },
    });
  });

  it('reports a token without the drive scope, and a refused token, as auth', async () => {
    suite.api.tokens.refreshTokens.set('1//narrow', {
      clientId: 'c.apps.googleusercontent.com',
      clientSecret: 's',
      scope: 'https://www.googleapis.com/auth/drive.readonly',
    });
    const narrow = await fail(
      'files.get',
      { fileId: csv.id },
      {
        refreshToken: '1//narrow',
        clientId: 'c.apps.googleusercontent.com',
        clientSecret: 's',
        apiUrl: suite.api.url,
        tokenUrl: suite.api.tokenUrl,
      },
    );
    expect(narrow).toMatchObject({ status: 'failed', error: { kind: 'auth', status: 403 } });
    expect(narrow.error?.hint).toContain('scope');

    const stale = await fail('files.get', { fileId: csv.id }, { accessToken: 'ya29.stale', apiUrl: suite.api.url });
    expect(stale).toMatchObject({ status: 'failed', error: { kind: 'auth', status: 401 } });
  });
});
