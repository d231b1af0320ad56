import { Type } from '@mova/sdk';

export const indexField = (description = 'Index (or alias or data stream) name, lower case, e.g. orders') =>
  Type.String({ minLength: 1, pattern: '^[^A-Z\\\\/*?"<>| ,#:]+$', description });

export const idField = (description = 'Document id') => Type.String({ minLength: 1, maxLength: 512, description });

export const documentField = (description = 'The document: a JSON object, e.g. { "customer": "Ada", "total": 42.5 }') =>
  Type.Record(Type.String(), Type.Unknown(), { description });

export const refreshField = Type.Union([Type.Literal('false'), Type.Literal('true'), Type.Literal('wait_for')], {
  default: 'false',
  description:
    'When searches see the change: false (default, within the refresh interval, about 1 s), wait_for (return once they do) or true (refresh now; costly on busy indices)',
});

export const seqNoFields = {
  ifSeqNo: Type.Optional(
    Type.Integer({
      minimum: 0,
      description: 'Apply only if the document still has this sequence number (optimistic concurrency)',
    }),
  ),
  ifPrimaryTerm: Type.Optional(Type.Integer({ minimum: 1, description: 'Primary term to go with ifSeqNo' })),
};

export const routingField = Type.Optional(
  Type.String({ minLength: 1, description: 'Custom routing value, when the index routes documents by one' }),
);

/** What a write answers: where the document is and which version it has now. */
export const writeResultFields = {
  index: Type.String({ description: 'The index written to' }),
  id: Type.String({ description: 'The document id' }),
  version: Type.Integer({ description: 'Version of the document after the write' }),
  seqNo: Type.Integer({ description: 'Sequence number of the write (for ifSeqNo)' }),
  primaryTerm: Type.Integer({ description: 'Primary term of the write (for ifPrimaryTerm)' }),
};

export const queryField = Type.Record(Type.String(), Type.Unknown(), {
  description:
    'A query in the Elasticsearch query DSL, e.g. { "match": { "title": "quick fox" } } or { "bool": { "filter": [{ "term": { "status": "paid" } }] } }; all documents when left out',
});

/** Elasticsearch's `refresh` parameter from the input's string. */
export function refreshParam(refresh: 'false' | 'true' | 'wait_for'): boolean | 'wait_for' {
  return refresh === 'wait_for' ? 'wait_for' : refresh === 'true';
}

/** A document as JSON: `_source` comes back from the client typed `unknown`. */
export function documentOf(source: unknown): Record<string, unknown> {
  return typeof source === 'object' && source !== null && !Array.isArray(source)
    ? Object.fromEntries(Object.entries(source))
    : {};
}
