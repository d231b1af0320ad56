import { beforeAll, describe, expect, it } from 'vitest';
import { connectionsFrom } from '../src/connections/connections.js';
import type { Limits } from '../src/limits.js';
import { Resolver } from '../src/sources/resolver.js';
import { WorkspaceSource } from '../src/sources/workspace-source.js';
import { validateWorkflow } from '../src/workflow/validate.js';
import { buildFixtureManifests, FIXTURES } from './helpers.js';

const base = { mova: '1.0', name: 't', inputs: { type: 'object' } };
const wf = (steps: unknown[], extra: Record<string, unknown> = {}) => ({ ...base, steps, ...extra });
const set = (id: string, value: unknown = 1) => ({ id, set: value });
const tools = { tools: { connector: 'tools' } };

interface Case {
  name: string;
  workflow: unknown;
  pointer: string;
  message: string;
  limits?: Partial<Limits>;
}

const cases: Case[] = [
  // The file and the schema
  { name: 'not JSON', workflow: '{"mova": "1.0",', pointer: '', message: 'is not valid JSON' },
  { name: 'not an object', workflow: [], pointer: '', message: 'must be object' },
  {
    name: 'no format version',
    workflow: { name: 't', inputs: { type: 'object' }, steps: [set('a')] },
    pointer: '/mova',
    message: 'is required',
  },
  {
    name: 'unknown format version',
    workflow: { ...wf([set('a')]), mova: '2.0' },
    pointer: '/mova',
    message: 'is not supported',
  },
  { name: 'bad name', workflow: { ...wf([set('a')]), name: 'My Flow' }, pointer: '/name', message: 'is not valid' },
  {
    name: 'inputs not an object schema',
    workflow: wf([set('a')], { inputs: { type: 'array' } }),
    pointer: '/inputs/type',
    message: 'is not supported',
  },
  {
    name: 'misspelt top-level field',
    workflow: { ...wf([set('a')]), stpes: [] },
    pointer: '/stpes',
    message: 'is not allowed here',
  },
  { name: 'no steps', workflow: wf([]), pointer: '/steps', message: 'must NOT have fewer than 1 items' },
  { name: 'step without id', workflow: wf([{ set: 1 }]), pointer: '/steps/0/id', message: 'is required' },
  { name: 'id with a hyphen', workflow: wf([set('my-step')]), pointer: '/steps/0/id', message: 'is not valid' },
  {
    name: 'step with nothing to do',
    workflow: wf([{ id: 'a' }]),
    pointer: '/steps/0',
    message: 'is a step with nothing to do',
  },
  {
    name: 'step with two kinds',
    workflow: wf([{ id: 'a', set: 1, uses: 'http_fetch' }]),
    pointer: '/steps/0',
    message: 'more than one kind (uses, set)',
  },
  {
    name: 'misspelt step field',
    workflow: wf([{ id: 'a', uses: 'http_fetch', wiht: {} }]),
    pointer: '/steps/0/wiht',
    message: 'is not allowed here',
  },
  {
    name: 'else without then',
    workflow: wf([{ id: 'a', if: true, else: [set('b')] }]),
    pointer: '/steps/0',
    message: 'nothing to do',
  },
  {
    name: 'condition not an expression',
    workflow: wf([{ id: 'a', if: 'yes', set: 1 }]),
    pointer: '/steps/0/if',
    message: 'does not match any allowed form',
  },
  {
    name: 'no retry attempts',
    workflow: wf([{ ...set('a'), retry: { backoff: 'fixed' } }]),
    pointer: '/steps/0/retry/attempts',
    message: 'is required',
  },
  {
    name: 'zero retry attempts',
    workflow: wf([{ ...set('a'), retry: { attempts: 0 } }]),
    pointer: '/steps/0/retry/attempts',
    message: 'must be >= 1',
  },
  {
    name: 'too many retry attempts',
    workflow: wf([{ ...set('a'), retry: { attempts: 50 } }]),
    pointer: '/steps/0/retry/attempts',
    message: 'must be <= 20',
  },
  {
    name: 'unknown backoff',
    workflow: wf([{ ...set('a'), retry: { attempts: 2, backoff: 'linear' } }]),
    pointer: '/steps/0/retry/backoff',
    message: 'is not one of the allowed values',
  },
  {
    name: 'bad retry delay',
    workflow: wf([{ ...set('a'), retry: { attempts: 2, delay: '1 second' } }]),
    pointer: '/steps/0/retry/delay',
    message: 'is not valid',
  },
  {
    name: 'timeout without unit',
    workflow: wf([{ ...set('a'), timeout: '30' }]),
    pointer: '/steps/0/timeout',
    message: 'is not valid',
  },
  {
    name: 'bad wait duration',
    workflow: wf([{ id: 'a', wait: { duration: 'soon' } }]),
    pointer: '/steps/0/wait/duration',
    message: 'does not match any allowed form',
  },
  {
    name: 'loop with for_each and while',
    workflow: wf([{ id: 'a', repeat: { for_each: [], while: true }, do: [set('b')] }]),
    pointer: '/steps/0/repeat',
    message: 'has more than one of: for_each, while',
  },
  {
    name: 'loop with neither',
    workflow: wf([{ id: 'a', repeat: { as: 'x' }, do: [set('b')] }]),
    pointer: '/steps/0/repeat',
    message: 'needs one of: for_each, while',
  },
  {
    name: 'loop without do',
    workflow: wf([{ id: 'a', repeat: { for_each: [] } }]),
    pointer: '/steps/0/do',
    message: 'is required',
  },
  {
    name: 'for_each a number',
    workflow: wf([{ id: 'a', repeat: { for_each: 3 }, do: [set('b')] }]),
    pointer: '/steps/0/repeat/for_each',
    message: 'does not match any allowed form',
  },
  {
    name: 'reserved loop variable',
    workflow: wf([{ id: 'a', repeat: { for_each: [], as: 'steps' }, do: [set('b')] }]),
    pointer: '/steps/0/repeat/as',
    message: 'is a reserved name',
  },
  {
    name: 'max_iterations above the hard cap',
    workflow: wf([{ id: 'a', repeat: { while: true, max_iterations: 20000 }, do: [set('b')] }]),
    pointer: '/steps/0/repeat/max_iterations',
    message: 'must be <= 10000',
  },
  {
    name: 'no parallel branches',
    workflow: wf([{ id: 'a', parallel: { branches: [] } }]),
    pointer: '/steps/0/parallel/branches',
    message: 'does not match any allowed form',
  },
  {
    name: 'an empty named branch',
    workflow: wf([{ id: 'a', parallel: { branches: { left: [] } } }]),
    pointer: '/steps/0/parallel/branches/left',
    message: 'must NOT have fewer than 1 items',
  },
  {
    name: 'zero concurrency',
    workflow: wf([{ id: 'a', parallel: { branches: [[set('b')]], concurrency: 0 } }]),
    pointer: '/steps/0/parallel/concurrency',
    message: 'must be >= 1',
  },
  {
    name: 'try without catch',
    workflow: wf([{ id: 'a', try: [set('b')] }]),
    pointer: '/steps/0/catch',
    message: 'is required',
  },
  {
    name: 'unknown kind to catch',
    workflow: wf([{ id: 'a', try: [set('b')], catch: { kinds: ['oops'], do: [set('c')] } }]),
    pointer: '/steps/0/catch/kinds/0',
    message: 'is not one of the allowed values',
  },
  {
    name: 'fail without message',
    workflow: wf([{ id: 'a', fail: { kind: 'failed' } }]),
    pointer: '/steps/0/fail/message',
    message: 'is required',
  },
  {
    name: 'fail with a kind that cannot be raised',
    workflow: wf([{ id: 'a', fail: { message: 'x', kind: 'cancelled' } }]),
    pointer: '/steps/0/fail/kind',
    message: 'is not one of the allowed values',
  },
  { name: 'bad env name', workflow: wf([set('a')], { env: ['1BAD'] }), pointer: '/env/0', message: 'is not valid' },
  {
    name: 'bad connection name',
    workflow: wf([set('a')], { connections: { GitHub: { connector: 'github' } } }),
    pointer: '/connections/GitHub',
    message: 'is not a valid name',
  },
  {
    name: 'connection without connector',
    workflow: wf([set('a')], { connections: { gh: {} } }),
    pointer: '/connections/gh/connector',
    message: 'is required',
  },
  {
    name: 'with not an object',
    workflow: wf([{ id: 'a', uses: 'http_fetch', with: 5 }]),
    pointer: '/steps/0/with',
    message: 'does not match any allowed form',
  },
  {
    name: 'bad step deep inside a branch',
    // biome-ignore lint/suspicious/noThenProperty: a branch step's "then" is its list of steps
    workflow: wf([{ id: 'a', if: true, then: [{ id: 'b', repeat: { for_each: [] }, do: [{ id: 'c' }] }] }]),
    pointer: '/steps/0/then/0/do/0',
    message: 'nothing to do',
  },
  {
    name: 'inputs that are not a JSON Schema',
    workflow: wf([set('a')], { inputs: { type: 'object', properties: { a: { type: 'strng' } } } }),
    pointer: '/inputs',
    message: 'is not a valid JSON Schema',
  },

  // Ids, scopes and limits
  {
    name: 'duplicate id',
    workflow: wf([set('a'), set('a')]),
    pointer: '/steps/1/id',
    message: 'repeats the step id "a"',
  },
  {
    name: 'duplicate id in a nested block',
    // biome-ignore lint/suspicious/noThenProperty: a branch step's "then" is its list of steps
    workflow: wf([{ id: 'a', if: true, then: [set('a')] }]),
    pointer: '/steps/0/then/0/id',
    message: 'repeats the step id "a"',
  },
  {
    name: 'timeout too long',
    workflow: wf([{ ...set('a'), timeout: '48h' }]),
    pointer: '/steps/0/timeout',
    message: 'is longer than the longest allowed (24h)',
  },
  {
    name: 'zero timeout',
    workflow: wf([{ ...set('a'), timeout: '0s' }]),
    pointer: '/steps/0/timeout',
    message: 'must be longer than 0',
  },
  {
    name: 'wait above the cap',
    workflow: wf([{ id: 'a', wait: { duration: '10m' } }]),
    pointer: '/steps/0/wait/duration',
    message: 'is longer than the longest allowed (5m)',
  },
  {
    name: 'retry delay above max_delay',
    workflow: wf([{ ...set('a'), retry: { attempts: 2, delay: '10s', max_delay: '1s' } }]),
    pointer: '/steps/0/retry/delay',
    message: 'is longer than max_delay',
  },
  {
    name: 'as on a while loop',
    workflow: wf([{ id: 'a', repeat: { while: true, as: 'x' }, do: [set('b')] }]),
    pointer: '/steps/0/repeat/as',
    message: 'only applies to for_each loops',
  },
  {
    name: 'max_iterations on a for_each loop',
    workflow: wf([{ id: 'a', repeat: { for_each: [], max_iterations: 3 }, do: [set('b')] }]),
    pointer: '/steps/0/repeat/max_iterations',
    message: 'only applies to while loops',
  },
  {
    name: 'as and index_as alike',
    workflow: wf([{ id: 'a', repeat: { for_each: [], as: 'x', index_as: 'x' }, do: [set('b')] }]),
    pointer: '/steps/0/repeat/index_as',
    message: 'uses the same name as "as"',
  },
  {
    name: 'loop variable hiding an outer one',
    workflow: wf([
      {
        id: 'a',
        repeat: { for_each: [], as: 'x' },
        do: [{ id: 'b', repeat: { for_each: [], as: 'x' }, do: [set('c')] }],
      },
    ]),
    pointer: '/steps/0/do/0/repeat/as',
    message: 'hides the variable "x" of the enclosing step "a"',
  },
  {
    name: 'literal list longer than the runtime allows',
    workflow: wf([{ id: 'a', repeat: { for_each: [1, 2, 3, 4] }, do: [set('b')] }]),
    pointer: '/steps/0/repeat/for_each',
    message: 'has 4 items, more than the 3',
    limits: { maxIterations: 3 },
  },
  {
    name: 'max_iterations above the runtime limit',
    workflow: wf([{ id: 'a', repeat: { while: true, max_iterations: 500 }, do: [set('b')] }]),
    pointer: '/steps/0/repeat/max_iterations',
    message: 'is more than the 100 iterations',
    limits: { maxIterations: 100 },
  },

  // Expressions and what they read
  {
    name: 'expression syntax error',
    workflow: wf([set('a', '{{ inputs.a + }}')]),
    pointer: '/steps/0/set',
    message: 'has an invalid expression at character',
  },
  {
    name: 'unclosed expression',
    workflow: wf([set('a', 'x {{ inputs.a')]),
    pointer: '/steps/0/set',
    message: 'that is never closed',
  },
  {
    name: 'empty expression',
    workflow: wf([set('a', { v: '{{ }}' })]),
    pointer: '/steps/0/set/v',
    message: 'has an empty expression',
  },
  {
    name: 'condition with text around',
    workflow: wf([{ id: 'a', if: '{{ true }} and {{ false }}', set: 1 }]),
    pointer: '/steps/0/if',
    message: 'must be exactly one {{ }} expression',
  },
  {
    name: 'reads a later step',
    workflow: wf([set('a', '{{ steps.b.output }}'), set('b')]),
    pointer: '/steps/0/set',
    message: 'reads steps.b, which runs later',
  },
  {
    name: 'reads itself',
    workflow: wf([set('a', '{{ steps.a.output }}')]),
    pointer: '/steps/0/set',
    message: 'its own step',
  },
  {
    name: 'reads a step that does not exist',
    workflow: wf([set('alpha'), set('b', '{{ steps.alpah.output }}')]),
    pointer: '/steps/1/set',
    message: 'there is no step "alpah"',
  },
  {
    name: 'reads another parallel branch',
    workflow: wf([{ id: 'p', parallel: { branches: [[set('x')], [set('y', '{{ steps.x.output }}')]] } }]),
    pointer: '/steps/0/parallel/branches/1/0/set',
    message: 'in another branch of parallel step "p"',
  },
  {
    name: 'reads into a branch after it',
    workflow: wf([
      // biome-ignore lint/suspicious/noThenProperty: a branch step's "then" is its list of steps
      { id: 'cond', if: '{{ inputs.go }}', then: [set('inner')] },
      set('after', '{{ steps.inner.output }}'),
    ]),
    pointer: '/steps/1/set',
    message: 'inside "cond", which runs it only when its condition holds',
  },
  {
    name: 'reads into a loop after it',
    workflow: wf([
      { id: 'loop', repeat: { for_each: [1] }, do: [set('body')] },
      set('after', '{{ steps.body.output }}'),
    ]),
    pointer: '/steps/1/set',
    message: 'runs it once per iteration',
  },
  {
    name: 'catch reads the try block',
    workflow: wf([{ id: 't', try: [set('risky')], catch: { do: [set('h', '{{ steps.risky.output }}')] } }]),
    pointer: '/steps/0/catch/do/0/set',
    message: 'from the try block of "t"',
  },
  {
    name: 'reads the other branch',
    // biome-ignore lint/suspicious/noThenProperty: a branch step's "then" is its list of steps
    workflow: wf([{ id: 'c', if: true, then: [set('x')], else: [set('y', '{{ steps.x.output }}')] }]),
    pointer: '/steps/0/else/0/set',
    message: 'in the other branch of "c"',
  },
  {
    name: 'reads its enclosing step',
    workflow: wf([{ id: 'loop', repeat: { for_each: [1] }, do: [set('b', '{{ steps.loop.output }}')] }]),
    pointer: '/steps/0/do/0/set',
    message: 'which encloses this step',
  },
  {
    name: 'reads a field a step does not have',
    workflow: wf([set('a'), set('b', '{{ steps.a.outputs }}')]),
    pointer: '/steps/1/set',
    message: 'has only output and status',
  },
  {
    name: 'reads an environment variable it does not expose',
    workflow: wf([set('a', '{{ env.TOKEN }}')], { env: ['OTHER'] }),
    pointer: '/steps/0/set',
    message: 'reads env.TOKEN, which the workflow does not expose',
  },
  {
    name: 'workflow output reads a missing step',
    workflow: wf([set('a')], { output: '{{ steps.z.output }}' }),
    pointer: '/output',
    message: 'there is no step "z"',
  },
  {
    name: 'workflow output reads into a try block',
    workflow: wf([{ id: 't', try: [set('x')], catch: { do: [set('y')] } }], { output: '{{ steps.x.output }}' }),
    pointer: '/output',
    message: 'inside "t", which may fail before it or skip it',
  },

  // uses, connectors and connections
  {
    name: 'unknown built-in',
    workflow: wf([{ id: 'a', uses: 'http_fech' }]),
    pointer: '/steps/0/uses',
    message: '"http_fech" is not a built-in',
  },
  {
    name: 'no version range',
    workflow: wf([{ id: 'a', uses: 'echo/echo.say', with: { text: 'x' } }]),
    pointer: '/steps/0/uses',
    message: 'has no version range',
  },
  {
    name: 'malformed version range',
    workflow: wf([{ id: 'a', uses: 'echo/echo.say@^^1', with: { text: 'x' } }]),
    pointer: '/steps/0/uses',
    message: 'is not a valid semver range',
  },
  {
    name: 'malformed reference',
    workflow: wf([{ id: 'a', uses: 'Echo/echo.say@1' }]),
    pointer: '/steps/0/uses',
    message: 'is not a connector action reference',
  },
  {
    name: 'unknown connector',
    workflow: wf([{ id: 'a', uses: 'nope/x.y@^1' }]),
    pointer: '/steps/0/uses',
    message: '@mova/connector-nope is not in workspace',
  },
  {
    name: 'no matching version',
    workflow: wf([{ id: 'a', uses: 'echo/echo.say@^9', with: { text: 'x' } }]),
    pointer: '/steps/0/uses',
    message: 'no version of @mova/connector-echo matches "^9"',
  },
  {
    name: 'unknown action',
    workflow: wf([{ id: 'a', uses: 'echo/echo.shout@^1' }]),
    pointer: '/steps/0/uses',
    message: '@mova/connector-echo@1.2.0 has no action "echo.shout"',
  },
  {
    name: 'literal input of the wrong type',
    workflow: wf([{ id: 'a', uses: 'echo/echo.say@^1', with: { text: 'x', times: 'two' } }]),
    pointer: '/steps/0/with/times',
    message: 'must be integer (input of @mova/connector-echo@1.2.0 echo.say)',
  },
  {
    name: 'required input missing',
    workflow: wf([{ id: 'a', uses: 'echo/echo.say@^1', with: { times: 2 } }]),
    pointer: '/steps/0/with/text',
    message: 'is required',
  },
  {
    name: 'literal input breaking a constraint',
    workflow: wf([{ id: 'a', uses: 'echo/echo.say@^1', with: { text: '' } }]),
    pointer: '/steps/0/with/text',
    message: 'must NOT have fewer than 1 characters',
  },
  {
    name: 'third-party input of the wrong type',
    workflow: wf([{ id: 'a', uses: '@acme/connector-widgets/widgets.count@^0.3', with: { items: 'a,b' } }]),
    pointer: '/steps/0/with/items',
    message: 'must be array',
  },
  {
    name: 'a required input missing beside a templated one',
    workflow: wf([set('n', 2), { id: 'a', uses: 'echo/echo.say@^1', with: { times: '{{ steps.n.output }}' } }]),
    pointer: '/steps/1/with/text',
    message: 'is required',
  },
  {
    name: 'an empty input breaks object-level rules (minProperties, anyOf)',
    workflow: wf([{ id: 'a', uses: '@acme/connector-widgets/widgets.find@^0.3', with: {} }]),
    pointer: '/steps/0/with',
    message: 'must NOT have fewer than 1 properties',
  },
  {
    name: 'http_fetch without url',
    workflow: wf([{ id: 'a', uses: 'http_fetch', with: { method: 'GET' } }]),
    pointer: '/steps/0/with/url',
    message: 'is required',
  },
  {
    name: 'http_fetch with an unknown field',
    workflow: wf([{ id: 'a', uses: 'http_fetch', with: { url: 'https://api.example.com', methd: 'GET' } }]),
    pointer: '/steps/0/with/methd',
    message: 'is not allowed here',
  },
  {
    name: 'http_fetch to a host not allowed',
    workflow: wf([{ id: 'a', uses: 'http_fetch', with: { url: 'https://evil.example.org/x' } }]),
    pointer: '/steps/0/with/url',
    message: "calls evil.example.org, which is not on the runtime's allowed hosts",
  },
  {
    name: 'connection not declared',
    workflow: wf([{ id: 'a', uses: 'tools/secret.reveal@1', connection: 'tools' }]),
    pointer: '/steps/0/connection',
    message: 'which the workflow does not declare',
  },
  {
    name: 'connection for another connector',
    workflow: wf([{ id: 'a', uses: 'tools/secret.reveal@1', connection: 'e' }], {
      connections: { e: { connector: 'echo' } },
    }),
    pointer: '/steps/0/connection',
    message: 'which is for echo, not tools',
  },
  {
    name: 'connector needs a connection',
    workflow: wf([{ id: 'a', uses: 'tools/secret.reveal@1' }]),
    pointer: '/steps/0',
    message: 'without a connection, but it needs one (bearer)',
  },
  {
    name: 'connection on a built-in',
    workflow: wf([{ id: 'a', uses: 'http_fetch', with: { url: 'https://api.example.com' }, connection: 'tools' }], {
      connections: tools,
    }),
    pointer: '/steps/0/connection',
    message: 'is not used by the built-in http_fetch',
  },
  {
    name: 'connection not configured',
    workflow: wf([{ id: 'a', uses: 'tools/secret.reveal@1', connection: 'other' }], {
      connections: { other: { connector: 'tools' } },
    }),
    pointer: '/connections/other',
    message: 'the connection "other" is not configured',
  },
  {
    name: 'configured connection that does not fit',
    workflow: wf([{ id: 'a', uses: 'tools/secret.reveal@1', connection: 'weak' }], {
      connections: { weak: { connector: 'tools' } },
    }),
    pointer: '/connections/weak',
    message: 'the connection is invalid: /auth/token',
  },
  {
    name: 'configured connection for another connector',
    workflow: wf([{ id: 'a', uses: 'tools/secret.reveal@1', connection: 'mixed' }], {
      connections: { mixed: { connector: 'tools' } },
    }),
    pointer: '/connections/mixed',
    message: 'is for echo, not tools',
  },
];

let resolver: Resolver;
const connections = connectionsFrom({
  tools: { connector: 'tools', auth: { token: 'secret-token' } },
  weak: { connector: 'tools', auth: {} },
  mixed: { connector: 'echo', auth: {} },
});

beforeAll(async () => {
  await buildFixtureManifests();
  resolver = new Resolver([new WorkspaceSource(FIXTURES)]);
});

describe('invalid workflows', () => {
  it('has a case for at least 50 mistakes', () => {
    expect(cases.length).toBeGreaterThanOrEqual(50);
    expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length);
  });

  it.each(cases)('$name → $pointer', async ({ workflow, pointer, message, limits }) => {
    const input = typeof workflow === 'string' ? workflow : structuredClone(workflow);
    const result = await validateWorkflow(input, { resolver, connections, allowHosts: ['api.example.com'], limits });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toContainEqual(
      expect.objectContaining({ pointer, message: expect.stringContaining(message) }),
    );
    for (const issue of result.issues) expect(issue.hint.trim().length).toBeGreaterThan(0);
  });
});

describe('valid workflows with tricky references', () => {
  it.each([
    [
      'a parallel step makes its branches readable after it',
      wf([
        { id: 'p', parallel: { branches: [[set('x')], [set('y')]] } },
        set('z', '{{ steps.x.output + steps.y.output }}'),
      ]),
    ],
    [
      'a while condition reads the previous iteration',
      wf([{ id: 'l', repeat: { while: '{{ $not($exists(steps.page)) }}' }, do: [set('page')] }]),
    ],
    [
      'a step reads earlier steps of its own loop body and the outer list',
      wf([
        set('o'),
        {
          id: 'l',
          repeat: { for_each: [1] },
          do: [set('b1'), set('b2', '{{ steps.b1.output + steps.o.output + item }}')],
        },
      ]),
    ],
    [
      'catch reads its error variable and earlier steps',
      wf([
        set('o'),
        { id: 't', try: [set('x')], catch: { as: 'e', do: [set('h', '{{ e.message }} {{ steps.o.output }}')] } },
      ]),
    ],
    [
      'a skipped step is still readable',
      wf([{ id: 'maybe', if: false, set: 1 }, set('after', '{{ steps.maybe.status }}')]),
    ],
    [
      'the output reads steps and $steps in filters',
      wf([set('a', [1, 2])], { output: '{{ inputs.list[v = $steps.a.output[0]] }}' }),
    ],
    ['a computed step lookup is left to the run', wf([set('a'), set('b', '{{ $lookup(steps, "a").output }}')])],
    [
      'an expression may provide the field an object-level rule (minProperties, anyOf) asks for',
      wf([
        set('n', 'bolt'),
        { id: 'f', uses: '@acme/connector-widgets/widgets.find@^0.3', with: { name: '{{ steps.n.output }}' } },
      ]),
    ],
  ])('%s', async (_name, workflow) => {
    const result = await validateWorkflow(workflow, { resolver });
    expect(result.ok ? [] : result.issues).toEqual([]);
  });
});

describe('mistakes caught where they are made: one issue per mistake, with a "did you mean"', () => {
  const validate = async (workflow: unknown) => {
    const result = await validateWorkflow(workflow, { resolver, connections });
    return result.ok ? [] : result.issues;
  };

  it('names the action meant for a mistyped key, with the uses to write', async () => {
    expect(await validate(wf([{ id: 'a', uses: 'echo/echo.sya@^1', with: { text: 'x' } }]))).toEqual([
      {
        pointer: '/steps/0/uses',
        message: '@mova/connector-echo@1.2.0 has no action "echo.sya"',
        hint: 'Did you mean "echo.say" ("uses": "echo/echo.say@^1")? Its actions: echo.say, echo.badOutput.',
      },
    ]);
  });

  it('names the connector meant for a mistyped name, once for all the steps that use it', async () => {
    const steps = ['a', 'b', 'c', 'd', 'e'].map((id) => ({ id, uses: 'ehco/echo.say@^1', with: { text: id } }));
    expect(await validate(wf(steps))).toEqual([
      {
        pointer: '/steps/0/uses',
        message: `@mova/connector-ehco is not in workspace ${FIXTURES} (5 steps: a, b, c, d, e)`,
        hint: 'Did you mean echo (@mova/connector-echo)?',
      },
    ]);
  });

  it('one issue per distinct mistake: two typos are two issues, each repeat folded into its own', async () => {
    const issues = await validate(
      wf([
        { id: 'a', uses: 'echo/echo.sya@^1', with: { text: 'x' } },
        { id: 'b', uses: 'echo/echo.sya@^1', with: { text: 'y' } },
        { id: 'c', uses: 'echo/echo.sy@^1', with: { text: 'z' } },
      ]),
    );
    expect(issues.map((i) => [i.pointer, i.message])).toEqual([
      ['/steps/0/uses', '@mova/connector-echo@1.2.0 has no action "echo.sya" (2 steps: a, b)'],
      ['/steps/2/uses', '@mova/connector-echo@1.2.0 has no action "echo.sy"'],
    ]);
  });

  it('names the declared connection meant, and the configured one', async () => {
    const declared = { connections: { tools: { connector: 'tools' } } };
    const typo = wf(
      [
        { id: 'a', uses: 'tools/secret.reveal@1', connection: 'tols' },
        { id: 'b', uses: 'tools/secret.reveal@1', connection: 'tols' },
      ],
      declared,
    );
    expect(await validate(typo)).toEqual([
      {
        pointer: '/steps/0/connection',
        message: 'names the connection "tols", which the workflow does not declare (2 steps: a, b)',
        hint: 'Did you mean "tools"? Declared: tools.',
      },
    ]);
    const unconfigured = wf([{ id: 'a', uses: 'tools/secret.reveal@1', connection: 'tool' }], {
      connections: { tool: { connector: 'tools' } },
    });
    expect((await validate(unconfigured))[0]?.hint).toMatch(
      /^Did you mean the configured connection "tools"\? Add "tool"/,
    );
  });
});
