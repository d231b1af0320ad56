import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { AJV_OPTIONS, schemaHash } from '../../generated/schema-hash.mjs';
import * as generated from '../../generated/workflow-validator.mjs';
import { workflowSchema } from './schema.js';

const documents: unknown[] = [
  { mova: '1.0', name: 'ok', steps: [{ id: 'a', set: { x: 1 } }] },
  { mova: '2.0', name: 'bad version', steps: [] },
  { mova: '1.0', name: 'nothing to do', steps: [{ id: 'a', sett: {} }] },
  { mova: '1.0', name: 'two kinds', steps: [{ id: 'a', set: {}, wait: '1s' }] },
  { mova: '1.0', name: 'bad retry', steps: [{ id: 'a', uses: 'x/y@1', retry: { attempts: 'three' } }] },
  // A step's `then` parsed from JSON, as the CLI reads it (an object literal with then is a thenable).
  JSON.parse('{"mova":"1.0","steps":[{"id":"nested","if":"{{ true }}","then":[{"id":"b","repeat":{},"do":"x"}]}]}'),
  'not an object',
];

describe('the workflow validator compiled at build time', () => {
  it('was generated from the current schema (else run node scripts/workflow-validator.mjs in runtime/)', () => {
    expect(generated.schemaHash).toBe(schemaHash(workflowSchema));
  });

  it('answers as the schema compiled at run time does, errors included', () => {
    const compiled = new Ajv2020(AJV_OPTIONS).compile(workflowSchema);
    for (const document of documents) {
      expect(generated.validate(document)).toBe(compiled(document));
      expect(generated.validate.errors ?? null).toEqual(compiled.errors ?? null);
    }
  });
});
