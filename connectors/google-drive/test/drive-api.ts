import { createHash, type KeyObject, randomBytes } from 'node:crypto';
import {
  type GoogleReferenceApi,
  type ReferenceReply,
  type ReferenceRequest,
  ReplyError,
  startGoogleReferenceApi,
} from '@mova/sdk/testing';

/**
 * A loopback Google Drive API v3 (Google publishes no Drive emulator), keeping files in memory and
 * answering with the shapes of developers.google.com/drive/api/reference/rest/v3:
 * - files.list with q ("Search for files and folders": `'id' in parents`, `name contains`,
 *   `name =`, `mimeType =`/`!=`, `trashed =`, `createdTime`/`modifiedTime` comparisons, and/or,
 *   parentheses), orderBy, pageSize and pageToken; a q it cannot read is answered 400 invalid.
 * - files.get (metadata, and `alt=media` content), files.export, files.create (metadata only, and
 *   "Upload file data": uploadType=multipart as multipart/related, uploadType=resumable with a session
 *   URL in Location, then the PUT of the bytes), files.copy, files.update (addParents,
 *   removeParents, trashed, name), files.delete, permissions.create, about.get.
 * - errors as "Resolve errors" shows them (code, message, errors[].reason such as notFound,
 *   fileNotExportable, invalid); every request needs a Bearer token that googleTokenIssuer (@mova/sdk/testing) issued
 *   with the drive scope.
 */
export interface StoredFile {
  id: string;
  name: string;
  mimeType: string;
  parents: string[];
  createdTime: string;
  modifiedTime: string;
  trashed: boolean;
  description?: string;
  content?: Buffer;
  /** Export formats of a Google file and their bytes. */
  exports?: Record<string, Buffer>;
  permissions: Record<string, unknown>[];
}

export interface DriveReference extends GoogleReferenceApi {
  rootId: string;
  files: Map<string, StoredFile>;
  addFile(fields: Partial<StoredFile> & { name: string }): StoredFile;
  reset(): void;
}

const SCOPE = 'https://www.googleapis.com/auth/drive';
const FOLDER = 'application/vnd.google-apps.folder';

export async function startDriveApi(options: { clientEmail: string; publicKey: KeyObject }): Promise<DriveReference> {
  const files = new Map<string, StoredFile>();
  const sessions = new Map<string, { metadata: Record<string, unknown>; contentType: string; length: number }>();
  const rootId = '0AMovaRootFolderUk9PVA';
  let clock = Date.parse('2026-03-01T09:00:00.000Z');
  const now = () => {
    clock += 1000;
    return new Date(clock).toISOString();
  };

  const server = await startGoogleReferenceApi({
    account: options,
    scope: SCOPE,
    refuse: {
      unauthenticated: error(401, 'authError', 'Request had invalid authentication credentials.', 'UNAUTHENTICATED'),
      forbidden: error(403, 'insufficientPermissions', 'Request had insufficient authentication scopes.'),
    },
  });

  const addFile = (fields: Partial<StoredFile> & { name: string }): StoredFile => {
    const created = now();
    const file: StoredFile = {
      id: randomBytes(24).toString('base64url').slice(0, 33),
      mimeType: 'application/octet-stream',
      parents: [rootId],
      createdTime: created,
      modifiedTime: created,
      trashed: false,
      permissions: [],
      ...fields,
    };
    files.set(file.id, file);
    return file;
  };

  const find = (id: string | undefined): StoredFile => {
    const file = files.get(id === 'root' ? rootId : (id ?? ''));
    if (!file) throw new ReplyError(error(404, 'notFound', `File not found: ${id}.`));
    return file;
  };

  const routes: [string, string, (request: ReferenceRequest) => ReferenceReply][] = [
    [
      'GET',
      '/drive/v3/about',
      () => ({ body: { user: { kind: 'drive#user', emailAddress: options.clientEmail, displayName: 'mova-runner' } } }),
    ],
    ['GET', '/drive/v3/files', (request) => list(request)],
    ['GET', '/drive/v3/files/:id', (request) => get(request)],
    ['GET', '/drive/v3/files/:id/export', (request) => exportFile(request)],
    ['POST', '/drive/v3/files', (request) => ({ body: resource(create(request.body, undefined)) })],
    ['POST', '/upload/drive/v3/files', (request) => upload(request)],
    ['PUT', '/upload/drive/v3/files', (request) => finishUpload(request)],
    ['POST', '/drive/v3/files/:id/copy', (request) => copy(request)],
    ['PATCH', '/drive/v3/files/:id', (request) => update(request)],
    ['DELETE', '/drive/v3/files/:id', (request) => remove(request)],
    ['POST', '/drive/v3/files/:id/permissions', (request) => share(request)],
  ];
  for (const [method, pattern, answer] of routes) server.route(method, pattern, answer);

  function create(body: unknown, content: { bytes: Buffer; contentType: string } | undefined): StoredFile {
    const metadata = (body ?? {}) as { name?: string; mimeType?: string; parents?: string[]; description?: string };
    const parents = (metadata.parents ?? [rootId]).map((parent) => find(parent).id);
    for (const parent of parents) {
      if (find(parent).mimeType !== FOLDER) throw new ReplyError(error(400, 'invalid', 'The parent is not a folder.'));
    }
    const converting = metadata.mimeType?.startsWith('application/vnd.google-apps.') && content;
    return addFile({
      name: metadata.name ?? 'Untitled',
      mimeType: metadata.mimeType ?? content?.contentType ?? 'application/octet-stream',
      parents,
      description: metadata.description,
      ...(content && !converting ? { content: content.bytes } : {}),
      ...(converting ? { exports: { 'text/plain': content.bytes } } : {}),
    });
  }

  function list(request: ReferenceRequest): ReferenceReply {
    const q = request.query.get('q');
    let matches = [...files.values()].filter((file) => file.id !== rootId);
    if (q) {
      const test = parseQuery(q);
      matches = matches.filter((file) => test(file));
    }
    const orderBy = request.query.get('orderBy');
    if (orderBy) {
      const keys = orderBy.split(',').map((key) => key.trim().split(/\s+/));
      matches.sort((a, b) => {
        for (const [field, direction] of keys) {
          const av = String(a[field as keyof StoredFile] ?? '');
          const bv = String(b[field as keyof StoredFile] ?? '');
          if (av !== bv) return (av < bv ? -1 : 1) * (direction === 'desc' ? -1 : 1);
        }
        return 0;
      });
    }
    const pageSize = Number(request.query.get('pageSize') ?? 100);
    const offset = Number(Buffer.from(request.query.get('pageToken') ?? '', 'base64url').toString() || 0);
    const page = matches.slice(offset, offset + pageSize);
    const next =
      offset + pageSize < matches.length ? Buffer.from(String(offset + pageSize)).toString('base64url') : undefined;
    return {
      body: {
        kind: 'drive#fileList',
        incompleteSearch: false,
        files: page.map(resource),
        ...(next ? { nextPageToken: next } : {}),
      },
    };
  }

  function get(request: ReferenceRequest): ReferenceReply {
    const file = find(request.params.id);
    if (request.query.get('alt') !== 'media') return { body: resource(file) };
    if (!file.content) {
      return error(
        403,
        'fileNotDownloadable',
        'Only files with binary content can be downloaded. Use Export with Docs Editors files.',
      );
    }
    return { headers: { 'content-type': file.mimeType }, body: file.content };
  }

  function exportFile(request: ReferenceRequest): ReferenceReply {
    const file = find(request.params.id);
    const mimeType = request.query.get('mimeType');
    if (!mimeType) return error(400, 'required', 'Required parameter: mimeType');
    if (!file.exports) return error(403, 'fileNotExportable', 'Export only supports Docs Editors files.');
    const bytes = file.exports[mimeType];
    if (!bytes) return error(400, 'badRequest', 'The requested conversion is not supported.');
    return { headers: { 'content-type': mimeType }, body: bytes };
  }

  function upload(request: ReferenceRequest): ReferenceReply {
    const kind = request.query.get('uploadType');
    if (kind === 'multipart') {
      const contentType = String(request.headers['content-type'] ?? '');
      const boundary = /^multipart\/related;\s*boundary=("?)([^";]+)\1/.exec(contentType)?.[2];
      if (!boundary) return error(400, 'badContent', 'Content-Type must be multipart/related with a boundary');
      const parts = multipartParts(request.rawBody, boundary);
      const [meta, media] = parts;
      if (parts.length !== 2 || !meta?.type.startsWith('application/json') || !media) {
        return error(400, 'badContent', 'A multipart upload has a JSON metadata part and a media part');
      }
      const file = create(JSON.parse(meta.body.toString('utf8')), { bytes: media.body, contentType: media.type });
      return { body: resource(file) };
    }
    if (kind === 'resumable') {
      const length = Number(request.headers['x-upload-content-length']);
      const contentType = String(request.headers['x-upload-content-type'] ?? 'application/octet-stream');
      const id = randomBytes(16).toString('hex');
      sessions.set(id, { metadata: (request.body ?? {}) as Record<string, unknown>, contentType, length });
      return { headers: { location: `${server.url}/upload/drive/v3/files?uploadType=resumable&upload_id=${id}` } };
    }
    return error(400, 'invalid', `Invalid value for uploadType: ${kind}`);
  }

  function finishUpload(request: ReferenceRequest): ReferenceReply {
    const id = request.query.get('upload_id') ?? '';
    const session = sessions.get(id);
    if (!session) return error(404, 'notFound', 'Upload session not found.');
    if (request.rawBody.length !== session.length) {
      return error(400, 'badContent', `Expected ${session.length} bytes, got ${request.rawBody.length}`);
    }
    sessions.delete(id);
    return { body: resource(create(session.metadata, { bytes: request.rawBody, contentType: session.contentType })) };
  }

  function copy(request: ReferenceRequest): ReferenceReply {
    const original = find(request.params.id);
    if (original.mimeType === FOLDER) return error(403, 'cannotCopyFile', 'This file cannot be copied by the user.');
    const body = (request.body ?? {}) as { name?: string; parents?: string[] };
    const file = addFile({
      name: body.name ?? `Copy of ${original.name}`,
      mimeType: original.mimeType,
      parents: (body.parents ?? original.parents).map((parent) => find(parent).id),
      ...(original.content ? { content: Buffer.from(original.content) } : {}),
      ...(original.exports ? { exports: { ...original.exports } } : {}),
    });
    return { body: resource(file) };
  }

  function update(request: ReferenceRequest): ReferenceReply {
    const file = find(request.params.id);
    const body = (request.body ?? {}) as { name?: string; trashed?: boolean; parents?: unknown };
    if (body.parents !== undefined) {
      return error(403, 'fieldNotWritable', 'The resource body includes fields which are not directly writable.');
    }
    const add = request.query.get('addParents')?.split(',').filter(Boolean) ?? [];
    const removeIds = request.query.get('removeParents')?.split(',').filter(Boolean) ?? [];
    for (const parent of add) {
      if (find(parent).mimeType !== FOLDER) return error(400, 'invalid', 'The parent is not a folder.');
    }
    file.parents = [
      ...file.parents.filter((parent) => !removeIds.includes(parent)),
      ...add.filter((p) => !file.parents.includes(p)),
    ];
    if (body.name !== undefined) file.name = body.name;
    if (body.trashed !== undefined) file.trashed = body.trashed;
    file.modifiedTime = now();
    return { body: resource(file) };
  }

  function remove(request: ReferenceRequest): ReferenceReply {
    const file = find(request.params.id);
    const doomed = [file.id];
    for (let i = 0; i < doomed.length; i++) {
      for (const child of files.values()) if (child.parents.includes(doomed[i] as string)) doomed.push(child.id);
    }
    for (const id of doomed) files.delete(id);
    return { status: 204 };
  }

  function share(request: ReferenceRequest): ReferenceReply {
    const file = find(request.params.id);
    const body = (request.body ?? {}) as { type?: string; role?: string; emailAddress?: string; domain?: string };
    const roles = ['owner', 'organizer', 'fileOrganizer', 'writer', 'commenter', 'reader'];
    if (!['user', 'group', 'domain', 'anyone'].includes(body.type ?? ''))
      return error(400, 'required', 'Permission type is required.');
    if (!roles.includes(body.role ?? '')) return error(400, 'invalid', `Invalid permission role: ${body.role}`);
    if ((body.type === 'user' || body.type === 'group') && !body.emailAddress) {
      return error(400, 'invalidSharingRequest', 'Bad Request. User message: "An email address is required."');
    }
    if (body.type === 'domain' && !body.domain) return error(400, 'invalid', 'The domain is required.');
    if (request.query.has('sendNotificationEmail') && body.type !== 'user' && body.type !== 'group') {
      return error(400, 'invalidSharingRequest', 'Notification emails are sent to users and groups only.');
    }
    const permission = {
      kind: 'drive#permission',
      id: body.type === 'anyone' ? 'anyoneWithLink' : randomBytes(10).toString('hex'),
      type: body.type,
      role: body.role,
      ...(body.emailAddress ? { emailAddress: body.emailAddress } : {}),
      ...(body.domain ? { domain: body.domain } : {}),
      notified: request.query.get('sendNotificationEmail') !== 'false' && !!body.emailAddress,
      emailMessage: request.query.get('emailMessage') ?? undefined,
    };
    file.permissions.push(permission);
    return { body: permission };
  }

  return Object.assign(server, {
    rootId,
    files,
    addFile,
    reset() {
      files.clear();
      sessions.clear();
      addFile({ id: rootId, name: 'My Drive', mimeType: FOLDER, parents: [] });
    },
  });
}

function error(code: number, reason: string, message: string, status?: string): ReferenceReply {
  return {
    status: code,
    body: { error: { code, message, errors: [{ domain: 'global', reason, message }], ...(status ? { status } : {}) } },
  };
}

function resource(file: StoredFile) {
  const folder = file.mimeType === FOLDER;
  return {
    kind: 'drive#file',
    id: file.id,
    name: file.name,
    mimeType: file.mimeType,
    parents: file.parents,
    createdTime: file.createdTime,
    modifiedTime: file.modifiedTime,
    trashed: file.trashed,
    ...(file.description ? { description: file.description } : {}),
    ...(file.content
      ? { size: String(file.content.length), md5Checksum: createHash('md5').update(file.content).digest('hex') }
      : {}),
    webViewLink: folder
      ? `https://drive.google.com/drive/folders/${file.id}`
      : `https://drive.google.com/file/d/${file.id}/view?usp=drivesdk`,
  };
}

/** The parts of a multipart/related body: each part's Content-Type and bytes. */
function multipartParts(raw: Buffer, boundary: string): { type: string; body: Buffer }[] {
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: { type: string; body: Buffer }[] = [];
  let at = raw.indexOf(delimiter);
  while (at >= 0) {
    const start = at + delimiter.length;
    if (raw.subarray(start, start + 2).toString() === '--') break;
    const next = raw.indexOf(delimiter, start);
    if (next < 0) break;
    const part = raw.subarray(start + 2, next - 2); // past CRLF after the delimiter, before the CRLF ending the part
    const split = part.indexOf('\r\n\r\n');
    const headers = part.subarray(0, split).toString('utf8');
    parts.push({
      type: /content-type:\s*([^\r\n]+)/i.exec(headers)?.[1]?.trim() ?? '',
      body: part.subarray(split + 4),
    });
    at = next;
  }
  return parts;
}

type Test = (file: StoredFile) => boolean;

/** A reader for the part of Drive's query language ("Search query terms and operators") the tests use. */
function parseQuery(q: string): Test {
  const tokens = [...q.matchAll(/\s*('(?:[^'\\]|\\.)*'|\(|\)|!=|<=|>=|[=<>]|[A-Za-z]+)/gy)].map((m) => m[1] as string);
  if (tokens.join('').length !== q.replace(/\s+/g, '').length) throw invalidQuery();
  let i = 0;
  const peek = () => tokens[i];
  const take = () => tokens[i++];
  const literal = (token: string | undefined): string => {
    if (!token?.startsWith("'")) throw invalidQuery();
    return token.slice(1, -1).replace(/\\(.)/g, '$1');
  };
  const expression = (): Test => {
    let test = conjunction();
    while (peek()?.toLowerCase() === 'or') {
      take();
      const left = test;
      const right = conjunction();
      test = (file) => left(file) || right(file);
    }
    return test;
  };
  const conjunction = (): Test => {
    let test = term();
    while (peek()?.toLowerCase() === 'and') {
      take();
      const left = test;
      const right = term();
      test = (file) => left(file) && right(file);
    }
    return test;
  };
  const term = (): Test => {
    if (peek()?.toLowerCase() === 'not') {
      take();
      const inner = term();
      return (file) => !inner(file);
    }
    if (peek() === '(') {
      take();
      const inner = expression();
      if (take() !== ')') throw invalidQuery();
      return inner;
    }
    const first = take();
    if (first?.startsWith("'")) {
      const value = literal(first);
      if (take() !== 'in' || take() !== 'parents') throw invalidQuery();
      return (file) => file.parents.includes(value);
    }
    const operator = take();
    const operand = take();
    switch (first) {
      case 'name':
      case 'mimeType': {
        const value = literal(operand);
        if (operator === 'contains') return (file) => file[first].toLowerCase().includes(value.toLowerCase());
        if (operator === '=') return (file) => file[first] === value;
        if (operator === '!=') return (file) => file[first] !== value;
        throw invalidQuery();
      }
      case 'trashed':
        if (operator !== '=' || (operand !== 'true' && operand !== 'false')) throw invalidQuery();
        return (file) => file.trashed === (operand === 'true');
      case 'createdTime':
      case 'modifiedTime': {
        const value = Date.parse(literal(operand));
        if (Number.isNaN(value)) throw invalidQuery();
        const compare = (file: StoredFile) => Date.parse(file[first]) - value;
        if (operator === '>') return (file) => compare(file) > 0;
        if (operator === '>=') return (file) => compare(file) >= 0;
        if (operator === '<') return (file) => compare(file) < 0;
        if (operator === '<=') return (file) => compare(file) <= 0;
        if (operator === '=') return (file) => compare(file) === 0;
        throw invalidQuery();
      }
      default:
        throw invalidQuery();
    }
  };
  const test = expression();
  if (i !== tokens.length) throw invalidQuery();
  return test;
}

function invalidQuery(): ReplyError {
  return new ReplyError({
    status: 400,
    body: {
      error: {
        code: 400,
        message: 'Invalid Value',
        errors: [
          { domain: 'global', reason: 'invalid', message: 'Invalid Value', locationType: 'parameter', location: 'q' },
        ],
      },
    },
  });
}
