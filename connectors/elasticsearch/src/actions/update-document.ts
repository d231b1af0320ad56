import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withElasticsearch } from '../client.js';
import { invalidInput } from '../errors.js';
import {
  documentField,
  idField,
  indexField,
  refreshField,
  refreshParam,
  routingField,
  seqNoFields,
  writeResultFields,
} from '../schemas.js';

export const updateDocument = defineAction({
  auth,
  key: 'documents.update',
  title: 'Update a document',
  description:
    'Changes part of a document (update API): merges the fields given into it, or runs a Painless script, optionally creating the document when it does not exist (upsert). Unchanged documents give result noop. A missing document fails as not found unless upsert is set.',
  input: Type.Object({
    index: indexField(),
    id: idField(),
    fields: Type.Optional(
      documentField('Fields to merge into the document (partial document), e.g. { "status": "shipped" }'),
    ),
    script: Type.Optional(
      Type.Object(
        {
          source: Type.String({ minLength: 1, description: 'Painless source, e.g. "ctx._source.stock -= params.qty"' }),
          params: Type.Optional(
            Type.Record(Type.String(), Type.Unknown(), { description: 'Parameters the script reads as params.*' }),
          ),
        },
        { description: 'A Painless script to run on the document instead of merging fields' },
      ),
    ),
    upsert: Type.Boolean({
      default: false,
      description:
        'Create the document when it does not exist: from fields, or with a script from upsertDocument (default false)',
    }),
    upsertDocument: Type.Optional(documentField('The document to create when a script update finds none')),
    retryOnConflict: Type.Integer({
      minimum: 0,
      maximum: 10,
      default: 0,
      description: 'Times Elasticsearch retries the update itself when the document changed meanwhile',
    }),
    refresh: refreshField,
    routing: routingField,
    ...seqNoFields,
  }),
  output: Type.Object({
    ...writeResultFields,
    result: Type.Union([Type.Literal('updated'), Type.Literal('created'), Type.Literal('noop')], {
      description: 'updated, created (upsert), or noop when nothing changed',
    }),
  }),
  examples: [
    {
      title: 'Mark an order shipped',
      input: { index: 'orders', id: 'ord-1001', fields: { status: 'shipped' } },
      output: { index: 'orders', id: 'ord-1001', version: 2, seqNo: 1, primaryTerm: 1, result: 'updated' },
    },
    {
      title: 'Count a page view, creating the counter on first use',
      input: {
        index: 'page-stats',
        id: 'home',
        script: { source: 'ctx._source.views += params.n', params: { n: 1 } },
        upsert: true,
        upsertDocument: { views: 1 },
      },
    },
  ],
  async run({ input, auth, ctx }) {
    if ((input.fields === undefined) === (input.script === undefined)) {
      throw invalidInput(
        'give either fields or script',
        ctx.actionKey,
        'fields merges a partial document; script runs Painless.',
      );
    }
    const response = await withElasticsearch(auth, ctx, (client, options) =>
      client.update(
        {
          index: input.index,
          id: input.id,
          doc: input.fields,
          doc_as_upsert: input.fields !== undefined && input.upsert ? true : undefined,
          script: input.script,
          upsert: input.script !== undefined && input.upsert ? (input.upsertDocument ?? {}) : undefined,
          retry_on_conflict: input.retryOnConflict,
          refresh: refreshParam(input.refresh),
          routing: input.routing,
          if_seq_no: input.ifSeqNo,
          if_primary_term: input.ifPrimaryTerm,
        },
        options,
      ),
    );
    const result: 'created' | 'noop' | 'updated' =
      response.result === 'created' || response.result === 'noop' ? response.result : 'updated';
    return {
      index: response._index,
      id: response._id,
      version: response._version,
      seqNo: response._seq_no ?? 0,
      primaryTerm: response._primary_term ?? 1,
      result,
    };
  },
});
