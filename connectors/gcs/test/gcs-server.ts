import { createHash, createPublicKey, type KeyObject, randomBytes, verify } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';

/**
 * A loopback stand-in for Cloud Storage: Google publishes no emulator that runs here (the
 * Firebase Storage emulator needs a rules-runtime JAR downloaded from Google at start, and
 * fake-gcs-server is a Go program). It keeps buckets and objects in memory and answers the
 * requests the connector makes with the shapes of Google's documentation (cloud.google.com):
 * - "Using OAuth 2.0 for Server to Server Applications" (developers.google.com/identity/protocols/oauth2/service-account):
 *   POST /token with the JWT bearer grant; the assertion's signature is checked with the key's public half.
 * - JSON API "Buckets: list", "Objects: list", "Objects: get" (alt=media too), "Objects: insert"
 *   with "Perform a multipart upload", "Objects: delete", the "Buckets" and "Objects" resources,
 *   "Request preconditions" (ifGenerationMatch), "HTTP status and error codes for JSON" (error
 *   body), "Hashes and ETags" (x-goog-hash) and "Authenticate to Cloud Storage" (Bearer token).
 * - XML API requests made with V4 signed URLs, verified as "Signed URL V4 signing process with
 *   your own program" describes (canonical request, string to sign, RSA-SHA256), answering the
 *   "XML API error codes" (SignatureDoesNotMatch, ExpiredToken).
 * Anything else is answered 501 and recorded in `unexpected`, so a test sees it.
 */
export interface StoredObject {
  bucket: string;
  name: string;
  data: Buffer;
  contentType: string;
  generation: string;
  created: Date;
}

interface StoredBucket {
  name: string;
  project: string;
  location: string;
  storageClass: string;
  created: Date;
}

export interface GcsServer {
  origin: string;
  /** The token endpoint, for the connection's tokenUri. */
  tokenUri: string;
  unexpected: string[];
  /** Access tokens issued, with the scope each was asked for. */
  issued: Map<string, string>;
  addBucket(name: string, fields?: Partial<Omit<StoredBucket, 'name'>>): void;
  putObject(bucket: string, name: string, data: Buffer | string, contentType?: string): StoredObject;
  getObject(bucket: string, name: string): StoredObject | undefined;
  close(): Promise<void>;
}

const TOKEN_AUDIENCE = 'https://oauth2.googleapis.com/token';
const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

export async function startGcsServer(options: {
  project: string;
  clientEmail: string;
  publicKey: KeyObject | string;
}): Promise<GcsServer> {
  const publicKey = typeof options.publicKey === 'string' ? createPublicKey(options.publicKey) : options.publicKey;
  const buckets = new Map<string, StoredBucket>();
  const objects = new Map<string, StoredObject>();
  const issued = new Map<string, string>();
  const unexpected: string[] = [];
  let origin = '';
  // Generations are microsecond timestamps, strictly increasing as Cloud Storage's are.
  let clock = Date.now() * 1000;
  const nextGeneration = () => {
    clock = Math.max(clock + 1, Date.now() * 1000);
    return String(clock);
  };
  const key = (bucket: string, name: string) => `${bucket}\u0000${name}`;

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      unexpected.push(`${req.method} ${req.url}: ${error instanceof Error ? error.stack : String(error)}`);
      if (!res.headersSent) jsonError(res, 500, 'backendError', 'Internal error in the test server.');
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<ServerResponse> {
    const url = new URL(req.url ?? '/', origin);
    const body = await readBody(req);
    const path = url.pathname;
    if (req.method === 'POST' && path === '/token') return token(body, res);
    if (url.searchParams.has('X-Goog-Signature')) return signed(req, url, body, res);
    if (!authorised(req)) {
      return jsonError(res, 401, 'authError', 'Invalid Credentials', {
        locationType: 'header',
        location: 'Authorization',
      });
    }
    const bucketList = path === '/storage/v1/b';
    const objectsPath = /^\/storage\/v1\/b\/([^/]+)\/o$/.exec(path);
    const objectPath = /^\/storage\/v1\/b\/([^/]+)\/o\/(.+)$/.exec(path);
    const uploadPath = /^\/upload\/storage\/v1\/b\/([^/]+)\/o$/.exec(path);
    if (req.method === 'GET' && bucketList) return listBuckets(url, res);
    if (req.method === 'GET' && objectsPath?.[1]) return listObjects(decodeURIComponent(objectsPath[1]), url, res);
    if (req.method === 'POST' && uploadPath?.[1]) return insert(decodeURIComponent(uploadPath[1]), url, req, body, res);
    if (objectPath?.[1] && objectPath[2]) {
      const bucket = decodeURIComponent(objectPath[1]);
      const name = decodeURIComponent(objectPath[2]);
      if (req.method === 'GET') return get(bucket, name, url, res);
      if (req.method === 'DELETE') return remove(bucket, name, url, res);
    }
    unexpected.push(`${req.method} ${req.url}`);
    return jsonError(res, 501, 'notImplemented', `The test server does not implement ${req.method} ${path}.`);
  }

  function token(body: Buffer, res: ServerResponse): ServerResponse {
    const form = new URLSearchParams(body.toString());
    if (form.get('grant_type') !== JWT_BEARER) {
      return json(res, 400, { error: 'unsupported_grant_type', error_description: 'Invalid grant_type.' });
    }
    const [header = '', claims = '', signature = ''] = (form.get('assertion') ?? '').split('.');
    const claimSet = parseJson(Buffer.from(claims, 'base64url').toString());
    const valid =
      parseJson(Buffer.from(header, 'base64url').toString()).alg === 'RS256' &&
      verify('RSA-SHA256', Buffer.from(`${header}.${claims}`), publicKey, Buffer.from(signature, 'base64url'));
    if (!valid) return json(res, 400, { error: 'invalid_grant', error_description: 'Invalid JWT Signature.' });
    const now = Date.now() / 1000;
    if (
      claimSet.iss !== options.clientEmail ||
      claimSet.aud !== TOKEN_AUDIENCE ||
      typeof claimSet.iat !== 'number' ||
      typeof claimSet.exp !== 'number' ||
      Math.abs(claimSet.iat - now) > 300 ||
      claimSet.exp - claimSet.iat > 3600
    ) {
      return json(res, 400, { error: 'invalid_grant', error_description: 'Invalid JWT: claims are wrong or stale.' });
    }
    const accessToken = `ya29.${randomBytes(24).toString('base64url')}`;
    issued.set(accessToken, String(claimSet.scope));
    return json(res, 200, { access_token: accessToken, expires_in: 3599, token_type: 'Bearer' });
  }

  function authorised(req: IncomingMessage): boolean {
    const match = /^Bearer (.+)$/.exec(req.headers.authorization ?? '');
    const scope = match?.[1] ? issued.get(match[1]) : undefined;
    return scope?.split(' ').includes('https://www.googleapis.com/auth/devstorage.read_write') ?? false;
  }

  function listBuckets(url: URL, res: ServerResponse): ServerResponse {
    const project = url.searchParams.get('project');
    if (!project) return jsonError(res, 400, 'required', 'Required parameter: project');
    if (project !== options.project) {
      return jsonError(
        res,
        403,
        'forbidden',
        `${options.clientEmail} does not have storage.buckets.list access to the Google Cloud project. Permission 'storage.buckets.list' denied on resource (or it may not exist).`,
      );
    }
    const prefix = url.searchParams.get('prefix') ?? '';
    const names = [...buckets.values()].filter((b) => b.name.startsWith(prefix)).sort(byName);
    const page = paginate(names, url);
    return json(res, 200, {
      kind: 'storage#buckets',
      ...(page.items.length ? { items: page.items.map(bucketResource) } : {}),
      ...(page.next ? { nextPageToken: page.next } : {}),
    });
  }

  function listObjects(bucket: string, url: URL, res: ServerResponse): ServerResponse {
    if (!buckets.has(bucket)) return jsonError(res, 404, 'notFound', 'The specified bucket does not exist.');
    const prefix = url.searchParams.get('prefix') ?? '';
    const delimiter = url.searchParams.get('delimiter');
    const entries = new Map<string, StoredObject | string>();
    for (const object of objects.values()) {
      if (object.bucket !== bucket || !object.name.startsWith(prefix)) continue;
      const cut = delimiter ? object.name.indexOf(delimiter, prefix.length) : -1;
      if (delimiter && cut >= 0) {
        const folder = object.name.slice(0, cut + delimiter.length);
        entries.set(folder, folder);
      } else entries.set(object.name, object);
    }
    const page = paginate(
      [...entries.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, entry]) => entry),
      url,
    );
    const items = page.items.filter((e): e is StoredObject => typeof e !== 'string');
    const prefixes = page.items.filter((e): e is string => typeof e === 'string');
    return json(res, 200, {
      kind: 'storage#objects',
      ...(items.length ? { items: items.map(objectResource) } : {}),
      ...(prefixes.length ? { prefixes } : {}),
      ...(page.next ? { nextPageToken: page.next } : {}),
    });
  }

  function get(bucket: string, name: string, url: URL, res: ServerResponse): ServerResponse {
    const object = objects.get(key(bucket, name));
    const generation = url.searchParams.get('generation');
    if (!object || (generation && generation !== object.generation)) {
      return jsonError(res, 404, 'notFound', `No such object: ${bucket}/${name}`);
    }
    if (url.searchParams.get('alt') !== 'media') return json(res, 200, objectResource(object));
    return res.writeHead(200, mediaHeaders(object)).end(object.data);
  }

  function insert(bucket: string, url: URL, req: IncomingMessage, body: Buffer, res: ServerResponse): ServerResponse {
    if (!buckets.has(bucket)) return jsonError(res, 404, 'notFound', 'The specified bucket does not exist.');
    if (url.searchParams.get('uploadType') !== 'multipart') {
      unexpected.push(`upload with uploadType=${url.searchParams.get('uploadType')}`);
      return jsonError(res, 400, 'invalid', 'The test server takes only uploadType=multipart.');
    }
    const parts = multipart(req.headers['content-type'] ?? '', body);
    const metadata = parts[0] ? parseJson(parts[0].body.toString()) : {};
    const media = parts[1];
    const name = typeof metadata.name === 'string' ? metadata.name : url.searchParams.get('name');
    if (!media || !name || parts[0]?.contentType !== 'application/json') {
      return jsonError(res, 400, 'invalid', 'A multipart upload needs a JSON metadata part and a media part.');
    }
    const existing = objects.get(key(bucket, name));
    if (!preconditionHolds(url, existing)) {
      return jsonError(res, 412, 'conditionNotMet', 'At least one of the pre-conditions you specified did not hold.');
    }
    const contentType =
      typeof metadata.contentType === 'string'
        ? metadata.contentType
        : (media.contentType ?? 'application/octet-stream');
    return json(res, 200, objectResource(store(bucket, name, media.body, contentType)));
  }

  function remove(bucket: string, name: string, url: URL, res: ServerResponse): ServerResponse {
    const object = objects.get(key(bucket, name));
    const generation = url.searchParams.get('generation');
    if (!object || (generation && generation !== object.generation)) {
      return jsonError(res, 404, 'notFound', `No such object: ${bucket}/${name}`);
    }
    if (!preconditionHolds(url, object)) {
      return jsonError(res, 412, 'conditionNotMet', 'At least one of the pre-conditions you specified did not hold.');
    }
    objects.delete(key(bucket, name));
    return res.writeHead(204).end();
  }

  /** A request made with a V4 signed URL, verified as the signing-process page lays out. */
  function signed(req: IncomingMessage, url: URL, body: Buffer, res: ServerResponse): ServerResponse {
    const query = url.searchParams;
    const [email, datestamp, location, service, terminator] = (query.get('X-Goog-Credential') ?? '').split('/');
    const signedHeaders = (query.get('X-Goog-SignedHeaders') ?? '').split(';');
    const requestDate = parseGoogDate(query.get('X-Goog-Date') ?? '');
    const expires = Number(query.get('X-Goog-Expires'));
    if (
      query.get('X-Goog-Algorithm') !== 'GOOG4-RSA-SHA256' ||
      email !== options.clientEmail ||
      service !== 'storage' ||
      terminator !== 'goog4_request' ||
      !signedHeaders.includes('host') ||
      !requestDate ||
      datestamp !== query.get('X-Goog-Date')?.slice(0, 8) ||
      !(expires > 0 && expires <= 604800)
    ) {
      return xmlError(res, 400, 'AuthorizationQueryParametersError', 'Malformed V4 signed URL query parameters.');
    }
    if (Date.now() > requestDate.getTime() + expires * 1000) {
      return xmlError(res, 400, 'ExpiredToken', 'Invalid argument.');
    }
    const headerValue = (name: string) =>
      // The client library signs the endpoint's host name without its port (only a test server has one).
      name === 'host' ? (req.headers.host ?? '').replace(/:\d+$/, '') : String(req.headers[name] ?? '').trim();
    const canonicalQuery = [...query.entries()]
      .filter(([name]) => name !== 'X-Goog-Signature')
      .map(([name, value]) => [rfc3986(name), rfc3986(value)])
      .sort(([a = ''], [b = '']) => (a < b ? -1 : 1))
      .map(([name, value]) => `${name}=${value}`)
      .join('&');
    const canonicalRequest = [
      req.method,
      url.pathname,
      canonicalQuery,
      signedHeaders.map((name) => `${name}:${headerValue(name)}\n`).join(''),
      signedHeaders.join(';'),
      'UNSIGNED-PAYLOAD',
    ].join('\n');
    const stringToSign = [
      'GOOG4-RSA-SHA256',
      query.get('X-Goog-Date'),
      `${datestamp}/${location}/storage/goog4_request`,
      createHash('sha256').update(canonicalRequest).digest('hex'),
    ].join('\n');
    const signature = Buffer.from(query.get('X-Goog-Signature') ?? '', 'hex');
    if (!verify('RSA-SHA256', Buffer.from(stringToSign), publicKey, signature)) {
      return xmlError(
        res,
        403,
        'SignatureDoesNotMatch',
        'Access denied. The request signature we calculated does not match the signature you provided.',
      );
    }
    const [, bucket = '', ...rest] = url.pathname.split('/').map(decodeURIComponent);
    const name = rest.join('/');
    const object = objects.get(key(bucket, name));
    if (req.method === 'GET') {
      if (!object) return xmlError(res, 404, 'NoSuchKey', 'The specified key does not exist.');
      return res.writeHead(200, mediaHeaders(object)).end(object.data);
    }
    if (req.method === 'PUT') {
      const stored = store(bucket, name, body, req.headers['content-type'] ?? 'application/octet-stream');
      const etag = `"${md5(stored.data).toString('hex')}"`;
      return res.writeHead(200, { etag, 'x-goog-generation': stored.generation }).end();
    }
    if (req.method === 'DELETE') {
      if (!object) return xmlError(res, 404, 'NoSuchKey', 'The specified key does not exist.');
      objects.delete(key(bucket, name));
      return res.writeHead(204).end();
    }
    unexpected.push(`signed ${req.method} ${url.pathname}`);
    return xmlError(res, 501, 'NotImplemented', 'Not implemented by the test server.');
  }

  function store(bucket: string, name: string, data: Buffer, contentType: string): StoredObject {
    const object = { bucket, name, data, contentType, generation: nextGeneration(), created: new Date() };
    objects.set(key(bucket, name), object);
    return object;
  }

  function bucketResource(bucket: StoredBucket) {
    const time = bucket.created.toISOString();
    return {
      kind: 'storage#bucket',
      selfLink: `${origin}/storage/v1/b/${bucket.name}`,
      id: bucket.name,
      name: bucket.name,
      projectNumber: '123456789012',
      metageneration: '1',
      location: bucket.location,
      storageClass: bucket.storageClass,
      etag: 'CAE=',
      timeCreated: time,
      updated: time,
      locationType: 'multi-region',
    };
  }

  function objectResource(object: StoredObject) {
    const path = `b/${encodeURIComponent(object.bucket)}/o/${encodeURIComponent(object.name)}`;
    const time = object.created.toISOString();
    return {
      kind: 'storage#object',
      id: `${object.bucket}/${object.name}/${object.generation}`,
      selfLink: `${origin}/storage/v1/${path}`,
      mediaLink: `${origin}/download/storage/v1/${path}?generation=${object.generation}&alt=media`,
      name: object.name,
      bucket: object.bucket,
      generation: object.generation,
      metageneration: '1',
      contentType: object.contentType,
      storageClass: 'STANDARD',
      size: String(object.data.length),
      md5Hash: md5(object.data).toString('base64'),
      crc32c: crc32c(object.data),
      etag: 'CKih16GjycICEAE=',
      timeCreated: time,
      updated: time,
      timeStorageClassUpdated: time,
    };
  }

  function mediaHeaders(object: StoredObject): Record<string, string> {
    return {
      'content-type': object.contentType,
      'content-length': String(object.data.length),
      'x-goog-generation': object.generation,
      'x-goog-metageneration': '1',
      'x-goog-stored-content-encoding': 'identity',
      'x-goog-stored-content-length': String(object.data.length),
      'x-goog-hash': `crc32c=${crc32c(object.data)},md5=${md5(object.data).toString('base64')}`,
    };
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (typeof address !== 'object' || address === null) throw new Error('the test server did not listen on TCP');
  origin = `http://127.0.0.1:${address.port}`;

  return {
    origin,
    tokenUri: `${origin}/token`,
    unexpected,
    issued,
    addBucket(name, fields = {}) {
      buckets.set(name, {
        name,
        project: options.project,
        location: 'EU',
        storageClass: 'STANDARD',
        created: new Date(),
        ...fields,
      });
    },
    putObject(bucket, name, data, contentType = 'application/octet-stream') {
      return store(bucket, name, Buffer.from(data), contentType);
    },
    getObject: (bucket, name) => objects.get(key(bucket, name)),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** `ifGenerationMatch` as "Request preconditions" defines it; 0 means the object must not exist. */
function preconditionHolds(url: URL, existing: StoredObject | undefined): boolean {
  const wanted = url.searchParams.get('ifGenerationMatch');
  if (wanted === null) return true;
  return wanted === '0' ? existing === undefined : existing?.generation === wanted;
}

/** Page tokens are opaque to clients; here they are the offset of the next item. */
function paginate<T>(items: T[], url: URL): { items: T[]; next?: string } {
  const start = Number(Buffer.from(url.searchParams.get('pageToken') ?? '', 'base64url').toString() || 0);
  const size = Math.min(Number(url.searchParams.get('maxResults') ?? 1000), 1000);
  const end = start + size;
  return {
    items: items.slice(start, end),
    ...(end < items.length ? { next: Buffer.from(String(end)).toString('base64url') } : {}),
  };
}

function byName(a: { name: string }, b: { name: string }): number {
  return a.name < b.name ? -1 : 1;
}

/** multipart/related as "Perform a multipart upload" describes: a JSON metadata part, then the media. */
function multipart(contentType: string, body: Buffer): { contentType?: string; body: Buffer }[] {
  const boundary = /boundary="?([^";]+)"?/.exec(contentType)?.[1];
  if (!/^multipart\/related/.test(contentType) || !boundary) return [];
  const parts: { contentType?: string; body: Buffer }[] = [];
  const delimiter = Buffer.from(`--${boundary}`);
  let at = body.indexOf(delimiter);
  while (at >= 0) {
    const start = at + delimiter.length;
    if (body.subarray(start, start + 2).toString() === '--') break;
    const next = body.indexOf(delimiter, start);
    if (next < 0) break;
    const part = body.subarray(start + 2, next - 2);
    const split = part.indexOf('\r\n\r\n');
    const headers = part.subarray(0, split).toString();
    parts.push({
      contentType: /content-type:\s*([^\r\n]+)/i.exec(headers)?.[1]?.trim(),
      body: part.subarray(split + 4),
    });
    at = next;
  }
  return parts;
}

function parseGoogDate(value: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  return m ? new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`) : undefined;
}

/** Percent-encoding of RFC 3986, which the canonical query string uses. */
function rfc3986(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function md5(data: Buffer): Buffer {
  return createHash('md5').update(data).digest();
}

const CRC32C_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0x82f63b78 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

/** CRC32C (Castagnoli), base64 of its big-endian bytes, as "Hashes and ETags" describes. */
export function crc32c(data: Buffer): string {
  let crc = 0xffffffff;
  for (const byte of data) crc = (CRC32C_TABLE[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8);
  const out = Buffer.alloc(4);
  out.writeUInt32BE((crc ^ 0xffffffff) >>> 0);
  return out.toString('base64');
}

function parseJson(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

function json(res: ServerResponse, status: number, body: unknown): ServerResponse {
  return res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8' }).end(JSON.stringify(body));
}

function jsonError(
  res: ServerResponse,
  code: number,
  reason: string,
  message: string,
  extra: Record<string, string> = {},
): ServerResponse {
  return json(res, code, { error: { code, message, errors: [{ message, domain: 'global', reason, ...extra }] } });
}

function xmlError(res: ServerResponse, status: number, code: string, message: string): ServerResponse {
  return res
    .writeHead(status, { 'content-type': 'application/xml; charset=UTF-8' })
    .end(`<?xml version='1.0' encoding='UTF-8'?><Error><Code>${code}</Code><Message>${message}</Message></Error>`);
}
