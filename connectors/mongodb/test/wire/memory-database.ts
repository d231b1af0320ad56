import { type Document, deserialize, EJSON, ObjectId, serialize } from 'bson';
import { Aggregator, find, Query, update } from 'mingo';

/** A command failure, answered as `{ ok: 0, code, codeName, errmsg }` like a real server. */
export class CommandError extends Error {
  constructor(
    readonly code: number,
    readonly codeName: string,
    message: string,
  ) {
    super(message);
  }
}

interface Cursor {
  ns: string;
  documents: Document[];
}

const DEFAULT_BATCH_SIZE = 101;
const MAX_WIRE_VERSION = 21; // MongoDB 7.0

/**
 * In-memory databases behind the wire-protocol test double. Filters, projections, sorts, update
 * operators and aggregation stages are evaluated by mingo (MongoDB's query language for in-memory
 * objects); this class supplies the command layer: collections, _id uniqueness, cursors and the
 * reply shapes of the real server.
 */
export class MemoryDatabase {
  private readonly databases = new Map<string, Map<string, Document[]>>();
  private readonly cursors = new Map<number, Cursor>();
  private nextCursorId = 1;

  /** Runs one command and returns the reply document; failures become `ok: 0` replies. */
  run(command: Document, connectionId: number): Document {
    const name = Object.keys(command)[0] ?? '';
    const db = typeof command.$db === 'string' ? command.$db : 'admin';
    try {
      return this.dispatch(name, command, db, connectionId);
    } catch (error) {
      if (error instanceof CommandError) {
        return { ok: 0, errmsg: error.message, code: error.code, codeName: error.codeName };
      }
      // mingo throws on unknown operators and malformed expressions; the server answers BadValue.
      return { ok: 0, errmsg: error instanceof Error ? error.message : String(error), code: 2, codeName: 'BadValue' };
    }
  }

  private dispatch(name: string, command: Document, db: string, connectionId: number): Document {
    switch (name.toLowerCase()) {
      case 'hello':
      case 'ismaster':
        return this.hello(connectionId);
      case 'ping':
      case 'endsessions':
        return { ok: 1 };
      case 'buildinfo':
        return { version: '7.0.0', versionArray: [7, 0, 0, 0], maxBsonObjectSize: 16 * 1024 * 1024, ok: 1 };
      case 'saslstart':
      case 'authenticate':
        // The double has no users, so every credential is refused, as a real server refuses unknown ones.
        throw new CommandError(18, 'AuthenticationFailed', 'Authentication failed.');
      case 'insert':
        return this.insert(db, command);
      case 'find':
        return this.find(db, command);
      case 'getmore':
        return this.getMore(command);
      case 'killcursors':
        return this.killCursors(command);
      case 'update':
        return this.update(db, command);
      case 'delete':
        return this.delete(db, command);
      case 'aggregate':
        return this.aggregate(db, command);
      case 'drop':
        this.databases.get(db)?.delete(String(command.drop));
        return { ok: 1 };
      case 'dropdatabase':
        this.databases.delete(db);
        return { ok: 1 };
      default:
        throw new CommandError(59, 'CommandNotFound', `no such command: '${name}'`);
    }
  }

  private hello(connectionId: number): Document {
    return {
      helloOk: true,
      ismaster: true,
      isWritablePrimary: true,
      maxBsonObjectSize: 16 * 1024 * 1024,
      maxMessageSizeBytes: 48_000_000,
      maxWriteBatchSize: 100_000,
      localTime: new Date(),
      logicalSessionTimeoutMinutes: 30,
      connectionId,
      minWireVersion: 0,
      maxWireVersion: MAX_WIRE_VERSION,
      readOnly: false,
      ok: 1,
    };
  }

  private collection(db: string, name: unknown): Document[] {
    if (typeof name !== 'string' || name === '') {
      throw new CommandError(73, 'InvalidNamespace', `invalid collection name: ${String(name)}`);
    }
    let collections = this.databases.get(db);
    if (!collections) {
      collections = new Map();
      this.databases.set(db, collections);
    }
    let documents = collections.get(name);
    if (!documents) {
      documents = [];
      collections.set(name, documents);
    }
    return documents;
  }

  private insert(db: string, command: Document): Document {
    const documents = this.collection(db, command.insert);
    const ids = new Set(documents.map((d) => idKey(d._id)));
    const ordered = command.ordered !== false;
    const writeErrors: Document[] = [];
    let n = 0;
    for (const [index, input] of asDocuments(command.documents).entries()) {
      const document = input._id === undefined ? { _id: new ObjectId(), ...input } : input;
      const key = idKey(document._id);
      if (ids.has(key)) {
        writeErrors.push(duplicateKey(index, db, String(command.insert), document._id));
        if (ordered) break;
        continue;
      }
      ids.add(key);
      documents.push(document);
      n += 1;
    }
    return writeErrors.length > 0 ? { n, writeErrors, ok: 1 } : { n, ok: 1 };
  }

  private find(db: string, command: Document): Document {
    const documents = this.collection(db, command.find);
    const projection = isNonEmpty(command.projection) ? command.projection : undefined;
    const cursor = find(documents, command.filter ?? {}, projection);
    if (isNonEmpty(command.sort)) cursor.sort(command.sort);
    if (typeof command.skip === 'number' && command.skip > 0) cursor.skip(command.skip);
    if (typeof command.limit === 'number' && command.limit !== 0) cursor.limit(Math.abs(command.limit));
    const results = cursor.all().map(copy);
    return this.openCursor(`${db}.${command.find}`, results, command.batchSize, command.singleBatch === true);
  }

  private aggregate(db: string, command: Document): Document {
    const pipeline = asDocuments(command.pipeline);
    const writeStage = pipeline.find((stage) => '$out' in stage || '$merge' in stage);
    if (writeStage) throw new CommandError(2, 'BadValue', 'the test double does not support $out or $merge');
    const documents = this.collection(db, command.aggregate);
    const results = new Aggregator(pipeline).run(documents.map(copy)).map(copy);
    return this.openCursor(`${db}.${command.aggregate}`, results, command.cursor?.batchSize, false);
  }

  private openCursor(ns: string, results: Document[], batchSize: unknown, singleBatch: boolean): Document {
    const size = typeof batchSize === 'number' && batchSize > 0 ? batchSize : DEFAULT_BATCH_SIZE;
    const firstBatch = results.slice(0, size);
    const rest = results.slice(size);
    let id = 0;
    if (rest.length > 0 && !singleBatch) {
      id = this.nextCursorId++;
      this.cursors.set(id, { ns, documents: rest });
    }
    return { cursor: { id: cursorId(id), ns, firstBatch }, ok: 1 };
  }

  private getMore(command: Document): Document {
    const id = Number(command.getMore);
    const cursor = this.cursors.get(id);
    if (!cursor) throw new CommandError(43, 'CursorNotFound', `cursor id ${id} not found`);
    const size = typeof command.batchSize === 'number' && command.batchSize > 0 ? command.batchSize : Infinity;
    const nextBatch = cursor.documents.splice(0, size);
    if (cursor.documents.length === 0) this.cursors.delete(id);
    const nextId = this.cursors.has(id) ? id : 0;
    return { cursor: { id: cursorId(nextId), ns: cursor.ns, nextBatch }, ok: 1 };
  }

  private killCursors(command: Document): Document {
    const ids = Array.isArray(command.cursors) ? command.cursors.map(Number) : [];
    for (const id of ids) this.cursors.delete(id);
    return { cursorsKilled: ids.map(cursorId), cursorsNotFound: [], cursorsAlive: [], cursorsUnknown: [], ok: 1 };
  }

  private update(db: string, command: Document): Document {
    const documents = this.collection(db, command.update);
    const ordered = command.ordered !== false;
    const writeErrors: Document[] = [];
    const upserted: Document[] = [];
    let n = 0;
    let nModified = 0;
    for (const [index, statement] of asDocuments(command.updates).entries()) {
      try {
        const query = new Query(statement.q ?? {});
        const matches = documents.filter((d) => query.test(d));
        const targets = statement.multi === true ? matches : matches.slice(0, 1);
        if (targets.length === 0 && statement.upsert === true) {
          const document = upsertDocument(statement.q ?? {}, statement.u);
          if (documents.some((d) => idKey(d._id) === idKey(document._id))) {
            writeErrors.push(duplicateKey(index, db, String(command.update), document._id));
            if (ordered) break;
            continue;
          }
          documents.push(document);
          upserted.push({ index, _id: document._id });
          n += 1;
          continue;
        }
        n += targets.length;
        for (const target of targets) {
          const position = documents.indexOf(target);
          const before = Buffer.from(serialize(target));
          const after = applyUpdate(target, statement.u, false);
          documents[position] = after;
          if (!before.equals(serialize(after))) nModified += 1;
        }
      } catch (error) {
        writeErrors.push({ index, code: 9, codeName: 'FailedToParse', errmsg: messageOf(error) });
        if (ordered) break;
      }
    }
    const reply: Document = { n, nModified, ok: 1 };
    if (upserted.length > 0) reply.upserted = upserted;
    if (writeErrors.length > 0) reply.writeErrors = writeErrors;
    return reply;
  }

  private delete(db: string, command: Document): Document {
    const documents = this.collection(db, command.delete);
    let n = 0;
    for (const statement of asDocuments(command.deletes)) {
      const query = new Query(statement.q ?? {});
      const matches = documents.filter((d) => query.test(d));
      const doomed = statement.limit === 1 ? matches.slice(0, 1) : matches;
      for (const document of doomed) documents.splice(documents.indexOf(document), 1);
      n += doomed.length;
    }
    return { n, ok: 1 };
  }
}

/**
 * Applies an update: an aggregation pipeline, operators ($set, $inc, …; $setOnInsert only when
 * inserting), or a whole replacement document that keeps the `_id`.
 */
function applyUpdate(target: Document, change: unknown, inserting: boolean): Document {
  if (Array.isArray(change)) {
    const [result] = new Aggregator(asDocuments(change)).run([copy(target)]);
    if (!result) throw new CommandError(9, 'FailedToParse', 'the update pipeline removed the document');
    return { _id: target._id, ...result };
  }
  if (!isDocument(change)) throw new CommandError(9, 'FailedToParse', 'the update is not a document');
  const keys = Object.keys(change);
  if (keys.length > 0 && keys.every((k) => k.startsWith('$'))) {
    const { $setOnInsert, ...operators } = change;
    const document = copy(target);
    if (Object.keys(operators).length > 0) update(document, operators);
    if (inserting && isDocument($setOnInsert)) update(document, { $set: $setOnInsert });
    return document;
  }
  if (keys.some((k) => k.startsWith('$'))) {
    throw new CommandError(9, 'FailedToParse', 'an update mixes operators and plain fields');
  }
  return { _id: target._id, ...change };
}

/** The document an upsert inserts: the filter's equality fields, then the update applied to them. */
function upsertDocument(filter: Document, change: unknown): Document {
  const base: Document = {};
  for (const [key, value] of Object.entries(filter)) {
    if (key.startsWith('$')) continue;
    if (isDocument(value) && Object.keys(value).some((k) => k.startsWith('$'))) {
      if ('$eq' in value) base[key] = value.$eq;
      continue;
    }
    base[key] = value;
  }
  const document = applyUpdate(base, change, true);
  return document._id === undefined ? { _id: new ObjectId(), ...document } : document;
}

function duplicateKey(index: number, db: string, collection: string, id: unknown): Document {
  return {
    index,
    code: 11000,
    codeName: 'DuplicateKey',
    errmsg: `E11000 duplicate key error collection: ${db}.${collection} index: _id_ dup key: { _id: ${EJSON.stringify(id)} }`,
    keyPattern: { _id: 1 },
    keyValue: { _id: id },
  };
}

function idKey(id: unknown): string {
  return EJSON.stringify({ id }, { relaxed: false });
}

/** A deep copy that keeps BSON types (structuredClone would turn ObjectIds into plain objects). */
function copy(document: Document): Document {
  return deserialize(serialize(document));
}

function cursorId(id: number): bigint {
  return BigInt(id);
}

function asDocuments(value: unknown): Document[] {
  return Array.isArray(value) ? value.filter(isDocument) : [];
}

function isDocument(value: unknown): value is Document {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNonEmpty(value: unknown): value is Document {
  return isDocument(value) && Object.keys(value).length > 0;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
