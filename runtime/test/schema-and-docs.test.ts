import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { parseWorkflow } from '../src/workflow/parse.js';
import { schemaIssues, WORKFLOW_SCHEMA_ID, workflowSchema } from '../src/workflow/schema.js';
import { validateWorkflow } from '../src/workflow/validate.js';

const root = new URL('../', import.meta.url);
const reference = readFileSync(new URL('docs/workflow-reference.md', root), 'utf8');
const blocks = [...reference.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => JSON.parse(m[1] ?? ''));

describe('the published workflow schema', () => {
  it('is a valid JSON Schema 2020-12 under its $id', () => {
    const ajv = new Ajv2020({ strict: true, strictTypes: false, strictRequired: false });
    expect(ajv.validateSchema(workflowSchema)).toBe(true);
    expect(() => ajv.compile(workflowSchema)).not.toThrow();
    expect(workflowSchema.$id).toBe(WORKFLOW_SCHEMA_ID);
    expect(workflowSchema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
  });

  it('is exported by the package from the file the build copies', () => {
    const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8'));
    const exported: string = pkg.exports['./workflow.schema.json'];
    expect(exported).toBe('./dist/workflow/workflow.schema.json');
    expect(existsSync(fileURLToPath(new URL(exported.replace('./dist/', 'src/'), root)))).toBe(true);
  });
});

describe('the workflow reference', () => {
  it('has examples', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(10);
  });

  it('shows whole workflows that pass validation', async () => {
    const whole = blocks.filter((b) => 'mova' in b);
    expect(whole.length).toBeGreaterThan(0);
    for (const example of whole) {
      const result = await validateWorkflow(example);
      expect(result.ok ? [] : result.issues).toEqual([]);
    }
  });

  it('shows steps that fit the schema', () => {
    for (const step of blocks.filter((b) => !('mova' in b))) {
      expect(schemaIssues({ mova: '1.0', name: 'doc', inputs: { type: 'object' }, steps: [step] })).toEqual([]);
    }
  });
});

describe('parseWorkflow', () => {
  it('returns the workflow when the text is valid', () => {
    const text = JSON.stringify({ mova: '1.0', name: 'x', inputs: { type: 'object' }, steps: [{ id: 'a', set: 1 }] });
    expect(parseWorkflow(text).name).toBe('x');
  });

  it('locates a JSON syntax error by line and column where Node gives the offset', () => {
    const error = (() => {
      try {
        parseWorkflow('{\n  "mova": "1.0",\n  "name": "x",\n}');
      } catch (e) {
        return e as { issues: { pointer: string; message: string }[] };
      }
    })();
    expect(error?.issues[0]?.pointer).toBe('');
    expect(error?.issues[0]?.message).toMatch(/is not valid JSON: .*line 4/);
  });
});
