import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * The paths of GitHub's REST description the connector calls (all methods of each). Prism serves only
 * these, so a request to any other path fails loudly instead of finding some unrelated operation.
 */
export const PATHS = [
  '/rate_limit',
  '/meta',
  '/repos/{owner}/{repo}',
  '/repos/{owner}/{repo}/issues',
  '/repos/{owner}/{repo}/issues/{issue_number}',
  '/repos/{owner}/{repo}/issues/{issue_number}/comments',
  '/repos/{owner}/{repo}/issues/{issue_number}/labels',
  '/repos/{owner}/{repo}/pulls',
  '/repos/{owner}/{repo}/pulls/{pull_number}',
  '/repos/{owner}/{repo}/pulls/{pull_number}/merge',
  '/repos/{owner}/{repo}/releases',
  '/repos/{owner}/{repo}/releases/latest',
  '/repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches',
  '/repos/{owner}/{repo}/hooks',
  '/repos/{owner}/{repo}/hooks/{hook_id}',
  '/search/issues',
  '/search/repositories',
];

/**
 * Example responses in GitHub's description that break its own schema: Prism with `--errors` answers
 * them with a 500 instead. Each repair adds the one property the schema requires there, and fails
 * once GitHub's example has it, so a repair never outlives the defect.
 */
const EXAMPLE_REPAIRS = [
  // team-simple requires `type` ("enterprise" or "organization"); the pull request examples predate it.
  { example: 'pull-request-simple-items', at: ['0', 'requested_teams', '0'], add: { type: 'organization' } },
  { example: 'pull-request', at: ['requested_teams', '0'], add: { type: 'organization' } },
  // full-repository requires `language` (nullable); the example leaves it out, also in its `source`.
  { example: 'full-repository-default-response', at: [], add: { language: null } },
  { example: 'full-repository-default-response', at: ['source'], add: { language: null } },
];

/**
 * Parameters whose schema says `oneOf` where GitHub means "either": workflow_id is an integer or a
 * file name, and a number in a path is both, so Prism refuses every numeric id. Read as `anyOf`.
 */
const ONE_OF_REPAIRS = ['workflow-id'];

type Json = Record<string, unknown>;

/**
 * GitHub's REST description for api.github.com from `@octokit/openapi`, cut down to `PATHS` with every
 * component they reference, copied unchanged but for `EXAMPLE_REPAIRS`, `ONE_OF_REPAIRS` and one
 * misplaced reference.
 * Prism took about 45 s to start on the whole 13 MB description here, and a few seconds on this.
 */
export async function githubDescription(): Promise<Json> {
  const require = createRequire(import.meta.url);
  const file = join(dirname(require.resolve('@octokit/openapi/package.json')), 'generated', 'api.github.com.json');
  const full = JSON.parse(await readFile(file, 'utf8')) as Json & {
    paths: Json;
    components: Record<string, Json>;
  };
  const examples = full.components.examples ?? {};
  for (const { example, at, add } of EXAMPLE_REPAIRS) repair(examples, example, at, add);
  for (const name of ONE_OF_REPAIRS) eitherOf(full.components.parameters?.[name], name);

  const paths = Object.fromEntries(PATHS.map((path) => [path, full.paths[path]]));
  const components: Record<string, Json> = {};
  const todo: unknown[] = [paths];
  while (todo.length > 0) {
    const value = todo.pop();
    if (typeof value !== 'object' || value === null) continue;
    // issues/get lists its examples as { value: { $ref: example } }: the value is then the whole Example
    // object and Prism would answer { "value": issue }. Refer to the example itself, as everywhere else.
    if ('value' in value && isExampleRef(value.value)) {
      const entry: Json = value;
      entry.$ref = value.value.$ref;
      delete entry.value;
    }
    for (const [key, child] of Object.entries(value)) {
      // Callbacks would make Prism send requests of its own; GitHub's description has none.
      if (key === 'callbacks') throw new Error("GitHub's description declares callbacks: Prism would call out");
      if (key !== '$ref') {
        todo.push(child);
        continue;
      }
      // Only local references, so resolving the description reads nothing but this file.
      const [hash, section, kind, name] = String(child).split('/');
      if (hash !== '#' || section !== 'components' || !kind || !name) throw new Error(`Unexpected $ref ${child}`);
      components[kind] ??= {};
      const bucket = components[kind];
      if (name in bucket) continue;
      bucket[name] = full.components[kind]?.[name];
      todo.push(bucket[name]);
    }
  }
  // Webhooks describe requests GitHub sends, not operations to serve; they reference components dropped here.
  const { webhooks: _webhooks, 'x-webhooks': _xWebhooks, ...rest } = full;
  return { ...rest, paths, components };
}

function isExampleRef(value: unknown): value is { $ref: string } {
  return (
    typeof value === 'object' &&
    value !== null &&
    Object.keys(value).length === 1 &&
    '$ref' in value &&
    String(value.$ref).startsWith('#/components/examples/')
  );
}

function repair(examples: Json, name: string, at: string[], add: Json): void {
  let target = (examples[name] as Json | undefined)?.value;
  for (const key of at) target = (target as Json | undefined)?.[key];
  if (typeof target !== 'object' || target === null) throw new Error(`Example ${name} has nothing at /${at.join('/')}`);
  for (const [key, value] of Object.entries(add)) {
    if (key in target) throw new Error(`Example ${name} has ${key} at /${at.join('/')} now: drop its repair`);
    (target as Json)[key] = value;
  }
}

function eitherOf(parameter: unknown, name: string): void {
  const schema = (parameter as { schema?: Json } | undefined)?.schema;
  if (!schema?.oneOf) throw new Error(`Parameter ${name} no longer says oneOf: drop its repair`);
  schema.anyOf = schema.oneOf;
  delete schema.oneOf;
}
