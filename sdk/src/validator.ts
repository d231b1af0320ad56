import { createRequire } from 'node:module';
import type { Ajv2020, ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import type addFormatsModule from 'ajv-formats';
import type { Issue } from './errors.js';
import type { JsonSchema } from './schema.js';

// ajv and ajv-formats (CommonJS, ~100 files) load at the first schema compiled, not with the SDK:
// a `mova-connector run` of steps without schemas never needs them. `require` keeps this synchronous.
const require = createRequire(import.meta.url);
let ajvModules: { Ajv: typeof Ajv2020; addFormats: typeof addFormatsModule.default } | undefined;

function loadAjv(): NonNullable<typeof ajvModules> {
  ajvModules ??= {
    Ajv: (require('ajv/dist/2020.js') as typeof import('ajv/dist/2020.js')).Ajv2020,
    addFormats: require('ajv-formats') as typeof addFormatsModule.default,
  };
  return ajvModules;
}

/**
 * One ajv instance per purpose: values (defaults filled in), documents (checked, never changed) and
 * authors' schemas (`strict`, to catch misspelt keywords).
 */
export function createAjv(options: { strict: boolean; useDefaults?: boolean }): Ajv2020 {
  const { Ajv, addFormats } = loadAjv();
  const ajv = new Ajv({
    allErrors: true,
    // Strict mode is for catching misspelt keywords; its type-inference checks misfire on valid schemas.
    strict: options.strict,
    strictTypes: false,
    strictTuples: false,
    strictRequired: false,
    useDefaults: options.useDefaults ?? !options.strict,
    validateFormats: true,
  });
  addFormats(ajv);
  return ajv;
}

let valueAjv: Ajv2020 | undefined;
const compiled = new WeakMap<object, ValidateFunction>();

/**
 * Compiles a schema once (cached by object identity, weakly: a schema object that is dropped takes
 * its compiled checker with it) and returns a checker that lists every problem with its JSON
 * pointer. Defaults in the schema are filled into the value.
 */
export function compileSchema(schema: JsonSchema): (value: unknown) => Issue[] {
  let validate = compiled.get(schema);
  if (!validate) {
    valueAjv ??= createAjv({ strict: false });
    const ajv = valueAjv;
    try {
      validate = ajv.compile(schema);
    } finally {
      // ajv keeps every schema it compiled in a Map of its own, forever: a caller that builds a
      // fresh schema object per call (a workflow parsed per run) would grow it by a few KB each time.
      ajv.removeSchema(schema);
    }
    compiled.set(schema, validate);
  }
  const fn = validate;
  return (value) => (fn(value) ? [] : toIssues(fn.errors ?? []));
}

/** Turns ajv errors into located issues, pointing at the offending property itself. */
export function toIssues(errors: ErrorObject[], prefix = ''): Issue[] {
  const issues: Issue[] = [];
  for (const error of errors) {
    // if/then and anyOf report a summary besides the real cause; the cause is enough.
    if (error.keyword === 'if') continue;
    let pointer = prefix + error.instancePath;
    let message = error.message ?? 'is invalid';
    let hint: string | undefined;
    if (error.keyword === 'required') {
      const missing = String(error.params.missingProperty);
      pointer += `/${escapePointer(missing)}`;
      message = 'is required';
      hint = `Add "${missing}".`;
    } else if (error.keyword === 'additionalProperties') {
      const extra = String(error.params.additionalProperty);
      pointer += `/${escapePointer(extra)}`;
      message = 'is not allowed here';
      hint = `Remove "${extra}" or check its spelling.`;
    } else if (error.keyword === 'enum') {
      hint = `Use one of: ${(error.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}.`;
    } else if (error.keyword === 'const') {
      hint = `Use ${JSON.stringify(error.params.allowedValue)}.`;
    }
    issues.push(hint ? { pointer, message, hint } : { pointer, message });
  }
  return dedupe(issues);
}

export function escapePointer(segment: string): string {
  return segment.replaceAll('~', '~0').replaceAll('/', '~1');
}

function dedupe(issues: Issue[]): Issue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const k = `${i.pointer}\u0000${i.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
