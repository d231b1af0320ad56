import type { JsonSchema } from '@mova/sdk';
import { type HttpFetchContext, httpFetch, httpFetchInputSchema } from './http-fetch.js';

/** A step the runtime runs itself with `uses: <name>`, with an input schema checked like an action's. */
export interface Builtin {
  name: string;
  input: JsonSchema;
  run(input: unknown, ctx: HttpFetchContext): Promise<unknown>;
}

export const BUILTINS: ReadonlyMap<string, Builtin> = new Map([
  ['http_fetch', { name: 'http_fetch', input: httpFetchInputSchema, run: httpFetch }],
]);

export const BUILTIN_NAMES: readonly string[] = [...BUILTINS.keys()];
