import type Anthropic from '@anthropic-ai/sdk';
import { type Static, Type } from '@mova/sdk';

export const batchIdField = Type.String({ pattern: '^msgbatch_', description: 'Message Batch id (msgbatch_…)' });

export const batchSchema = Type.Object({
  id: Type.String({ description: 'Message Batch id (msgbatch_…)' }),
  processingStatus: Type.String({ description: 'in_progress, canceling or ended' }),
  requestCounts: Type.Object(
    {
      processing: Type.Integer({ description: 'Requests still processing' }),
      succeeded: Type.Integer({ description: 'Requests answered' }),
      errored: Type.Integer({ description: 'Requests that failed' }),
      canceled: Type.Integer({ description: 'Requests canceled' }),
      expired: Type.Integer({ description: 'Requests not processed within 24 hours' }),
    },
    { description: 'Requests by outcome' },
  ),
  createdAt: Type.String({ description: 'When it was created (ISO 8601)' }),
  endedAt: Type.Union([Type.String(), Type.Null()], { description: 'When processing ended' }),
  expiresAt: Type.String({ description: 'When unprocessed requests expire (24 hours after creation)' }),
  resultsReady: Type.Boolean({ description: 'Whether batches.results can read the answers' }),
});

export function batchOf(batch: Anthropic.Messages.MessageBatch): Static<typeof batchSchema> {
  return {
    id: batch.id,
    processingStatus: batch.processing_status,
    requestCounts: { ...batch.request_counts },
    createdAt: batch.created_at,
    endedAt: batch.ended_at,
    expiresAt: batch.expires_at,
    resultsReady: batch.results_url !== null,
  };
}
