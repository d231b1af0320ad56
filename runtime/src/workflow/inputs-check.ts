import { compileSchema, type Issue } from '@mova/sdk/host';
import { isRecord } from '../is-record.js';
import { inputsSchema, NO_INPUTS, type Workflow } from './types.js';

/** Distinct inputs schemas kept compiled; a service runs a handful of workflows, not hundreds. */
const KEEP = 256;
const compiled = new Map<string, (value: unknown) => Issue[]>();

/**
 * The check of a workflow's inputs, compiled once per schema text: `runtime.run(text)` parses the
 * workflow afresh on every call, and compiling each fresh schema object again would cost time and
 * (in ajv's caches) memory per run. The least recently used of more than 256 schemas is dropped.
 * Throws when the schema does not compile.
 */
export function inputsCheck(workflow: Workflow): (value: unknown) => Issue[] {
  const schema = inputsSchema(workflow);
  const key = JSON.stringify(schema);
  let check = compiled.get(key);
  if (check) {
    compiled.delete(key);
  } else {
    check = schema === NO_INPUTS ? noInputs : compileSchema(schema);
    if (compiled.size >= KEEP) compiled.delete(compiled.keys().next().value ?? '');
  }
  compiled.set(key, check);
  return check;
}

/**
 * The check of a workflow without inputs: the empty object passes without ajv, which then loads only
 * to say what is wrong with anything else (most runs of such a workflow never load it).
 */
function noInputs(value: unknown): Issue[] {
  return isRecord(value) && Object.keys(value).length === 0 ? [] : compileSchema(NO_INPUTS)(value);
}
