import { describe, expect, it } from 'vitest';
import { Auth, type AuthDefinition } from '../auth.js';
import { type AnyAction, type AnyTrigger, defineAction, defineConnector, defineTrigger } from '../define.js';
import { type TSchema, Type } from '../schema.js';
import { buildManifest } from './build.js';
import { bumpFor, diffManifests } from './diff.js';
import type { Manifest } from './types.js';

const Issue = Type.Object({
  number: Type.Integer({ description: 'Number within the repository' }),
  state: Type.Union([Type.Literal('open'), Type.Literal('closed')]),
  body: Type.Union([Type.String(), Type.Null()]),
  labels: Type.Array(Type.Object({ name: Type.String(), color: Type.Optional(Type.String()) })),
  url: Type.String({ format: 'uri' }),
});

const CreateInput = Type.Object({
  repo: Type.String({ minLength: 1, description: 'owner/name' }),
  title: Type.String({ maxLength: 256, description: 'Title' }),
  body: Type.Optional(Type.String({ description: 'Markdown text' })),
  state: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('closed')], { description: 'Initial state' })),
  labels: Type.Optional(Type.Array(Type.String(), { description: 'Label names' })),
  milestone: Type.Optional(Type.Integer({ description: 'Milestone number' })),
});

function action(key: string, parts: { input?: TSchema; output?: TSchema; title?: string; description?: string } = {}) {
  return defineAction({
    key,
    title: parts.title ?? `Run ${key}`,
    description: parts.description ?? `Runs ${key}.`,
    input: parts.input ?? CreateInput,
    output: parts.output ?? Issue,
    async run() {
      throw new Error('not called');
    },
  });
}

function trigger(key: string, output: TSchema = Issue): AnyTrigger {
  return defineTrigger({
    kind: 'polling',
    key,
    title: 'New issue',
    input: Type.Object({ repo: Type.String({ description: 'owner/name' }) }),
    output,
    dedupe: { by: 'id', field: 'number' },
    async poll() {
      return [];
    },
  });
}

interface Parts {
  auth?: AuthDefinition;
  actions?: AnyAction[];
  triggers?: AnyTrigger[];
  allow?: string[];
  description?: string;
}

function manifest(parts: Parts = {}): Manifest {
  const connector = defineConnector({
    name: 'tracker',
    title: 'Tracker',
    description: parts.description ?? 'Issues in a tracker.',
    categories: ['developer-tools'],
    auth: parts.auth ?? Auth.bearer(),
    actions: parts.actions ?? [action('issues.create'), action('issues.close')],
    triggers: parts.triggers ?? [trigger('issues.new')],
    network: { allow: parts.allow ?? ['api.tracker.test'] },
  });
  return buildManifest(connector, { name: '@acme/connector-tracker', version: '1.2.0' });
}

/** The base manifest against a variant with one action's input or output replaced. */
function withCreate(parts: { input?: TSchema; output?: TSchema; title?: string; description?: string }) {
  return diffManifests(manifest(), manifest({ actions: [action('issues.create', parts), action('issues.close')] }));
}

describe('diffManifests: actions and triggers', () => {
  it('finds nothing between equal manifests and calls that a patch', () => {
    expect(diffManifests(manifest(), manifest())).toEqual({ bump: 'patch', changes: [] });
  });

  it('ignores the version and the SDK that built it', () => {
    const next = { ...manifest(), version: '1.2.1', sdkVersion: '9.9.9' };
    expect(diffManifests(manifest(), next)).toEqual({ bump: 'patch', changes: [] });
  });

  it('a removed action is breaking, located by its key', () => {
    const result = diffManifests(manifest(), manifest({ actions: [action('issues.create')] }));
    expect(result).toEqual({
      bump: 'major',
      changes: [{ kind: 'breaking', pointer: '/actions/issues.close', message: 'action issues.close was removed' }],
    });
  });

  it('a removed trigger is breaking', () => {
    const result = diffManifests(manifest(), manifest({ triggers: [] }));
    expect(result.bump).toBe('major');
    expect(result.changes).toEqual([
      { kind: 'breaking', pointer: '/triggers/issues.new', message: 'trigger issues.new was removed' },
    ]);
  });

  it('an added action or trigger is a feature', () => {
    const next = manifest({
      actions: [action('issues.create'), action('issues.close'), action('issues.lock')],
      triggers: [trigger('issues.new'), trigger('issues.closed')],
    });
    expect(diffManifests(manifest(), next)).toEqual({
      bump: 'minor',
      changes: [
        { kind: 'feature', pointer: '/actions/issues.lock', message: 'new action issues.lock' },
        { kind: 'feature', pointer: '/triggers/issues.closed', message: 'new trigger issues.closed' },
      ],
    });
  });

  it('a reordered action list changes nothing', () => {
    const next = manifest({ actions: [action('issues.close'), action('issues.create')] });
    expect(diffManifests(manifest(), next).changes).toEqual([]);
  });

  it('titles, descriptions and examples only are a patch', () => {
    const next = manifest({
      description: 'Issues and more in a tracker.',
      actions: [action('issues.create', { title: 'Open an issue', description: 'Opens one.' }), action('issues.close')],
    });
    next.actions[1]?.examples.push({ input: { repo: 'a/b', title: 't' } });
    const result = diffManifests(manifest(), next);
    expect(result.bump).toBe('patch');
    expect(result.changes).toEqual([
      { kind: 'fix', pointer: '/description', message: "the connector's description changed" },
      { kind: 'fix', pointer: '/actions/issues.create/title', message: 'action issues.create: title changed' },
      {
        kind: 'fix',
        pointer: '/actions/issues.create/description',
        message: 'action issues.create: description changed',
      },
      { kind: 'fix', pointer: '/actions/issues.close/examples', message: 'action issues.close: examples changed' },
    ]);
  });

  it('a field description is a patch, located at the field', () => {
    const input = Type.Object({ ...CreateInput.properties, repo: Type.String({ minLength: 1, description: 'a/b' }) });
    expect(withCreate({ input })).toEqual({
      bump: 'patch',
      changes: [
        {
          kind: 'fix',
          pointer: '/actions/issues.create/input/properties/repo/description',
          message: 'action issues.create: input field "repo": description changed',
        },
      ],
    });
  });

  it('a trigger turning from polling into a webhook is breaking', () => {
    const next = manifest();
    const [first] = next.triggers;
    if (first) first.kind = 'webhook';
    expect(diffManifests(manifest(), next).changes).toContainEqual({
      kind: 'breaking',
      pointer: '/triggers/issues.new/kind',
      message: 'trigger issues.new: changed from a polling to a webhook trigger',
    });
  });

  it('escapes "/" and "~" in keys of the pointer (RFC 6901)', () => {
    const input = Type.Object({ ...CreateInput.properties, 'a/b~c': Type.Optional(Type.String({ description: 'x' })) });
    expect(withCreate({ input }).changes).toEqual([
      {
        kind: 'feature',
        pointer: '/actions/issues.create/input/properties/a~1b~0c',
        message: 'action issues.create: new optional input field "a/b~c"',
      },
    ]);
  });

  it('sorts breaking changes before features before fixes', () => {
    const next = manifest({
      description: 'Changed.',
      actions: [action('issues.create'), action('issues.lock')],
    });
    expect(diffManifests(manifest(), next).changes.map((c) => c.kind)).toEqual(['breaking', 'feature', 'fix']);
  });
});

describe('diffManifests: input schemas', () => {
  const { repo, title, body, state, labels, milestone } = CreateInput.properties;

  it('a new required input field is breaking, a new optional one a feature', () => {
    const required = withCreate({ input: Type.Object({ ...CreateInput.properties, owner: Type.String() }) });
    expect(required).toEqual({
      bump: 'major',
      changes: [
        {
          kind: 'breaking',
          pointer: '/actions/issues.create/input/properties/owner',
          message: 'action issues.create: new required input field "owner"',
          requires: true,
        },
      ],
    });
    const optional = withCreate({
      input: Type.Object({ ...CreateInput.properties, owner: Type.Optional(Type.String()) }),
    });
    expect(optional.bump).toBe('minor');
    expect(optional.changes[0]?.message).toBe('action issues.create: new optional input field "owner"');
  });

  it('an optional field made required is breaking; the reverse a feature', () => {
    const stricter = withCreate({
      input: Type.Object({
        repo,
        title,
        body: Type.String({ description: 'Markdown text' }),
        state,
        labels,
        milestone,
      }),
    });
    expect(stricter.changes).toEqual([
      {
        kind: 'breaking',
        pointer: '/actions/issues.create/input/required',
        message: 'action issues.create: input field "body" is now required',
        field: '/actions/issues.create/input/properties/body',
        requires: true,
      },
    ]);
    const looser = withCreate({
      input: Type.Object({ repo, title: Type.Optional(title), body, state, labels, milestone }),
    });
    expect(looser).toMatchObject({
      bump: 'minor',
      changes: [{ kind: 'feature', message: 'action issues.create: input field "title" is now optional' }],
    });
  });

  it('a removed input field is breaking', () => {
    const result = withCreate({ input: Type.Object({ repo, title, body, state, labels }) });
    expect(result).toEqual({
      bump: 'major',
      changes: [
        {
          kind: 'breaking',
          pointer: '/actions/issues.create/input/properties/milestone',
          message: 'action issues.create: input field "milestone" was removed',
        },
      ],
    });
  });

  it('a narrowed input enum is breaking, a widened one a feature', () => {
    const narrowed = withCreate({
      input: Type.Object({
        ...CreateInput.properties,
        state: Type.Optional(Type.Literal('open', { description: 'Initial state' })),
      }),
    });
    expect(narrowed.changes).toEqual([
      {
        kind: 'breaking',
        pointer: '/actions/issues.create/input/properties/state',
        message: 'action issues.create: input field "state" no longer accepts "closed"',
      },
    ]);
    const widened = withCreate({
      input: Type.Object({
        ...CreateInput.properties,
        state: Type.Optional(
          Type.Union([Type.Literal('open'), Type.Literal('closed'), Type.Literal('draft')], {
            description: 'Initial state',
          }),
        ),
      }),
    });
    expect(widened).toEqual({
      bump: 'minor',
      changes: [
        {
          kind: 'feature',
          pointer: '/actions/issues.create/input/properties/state',
          message: 'action issues.create: input field "state" now also accepts "draft"',
        },
      ],
    });
  });

  it('treats the enum keyword like a union of constants', () => {
    const before = manifest();
    const after = manifest();
    const props = (m: Manifest) => m.actions[0]?.input.properties as Record<string, Record<string, unknown>>;
    props(before).state = { type: 'string', enum: ['open', 'closed'], description: 'Initial state' };
    props(after).state = { anyOf: [{ const: 'open' }, { const: 'closed' }], description: 'Initial state' };
    expect(diffManifests(before, after).changes).toEqual([]);
    props(after).state = { type: 'string', description: 'Initial state' };
    expect(diffManifests(before, after).changes).toEqual([
      {
        kind: 'feature',
        pointer: '/actions/issues.create/input/properties/state',
        message: 'action issues.create: input field "state" now accepts any string, not only "open", "closed"',
      },
    ]);
    expect(diffManifests(after, before).changes).toEqual([
      {
        kind: 'breaking',
        pointer: '/actions/issues.create/input/properties/state',
        message: 'action issues.create: input field "state" now only accepts "open", "closed"',
      },
    ]);
  });

  it('a narrowed input type is breaking, a widened one a feature', () => {
    const toNumber = withCreate({
      input: Type.Object({
        ...CreateInput.properties,
        milestone: Type.Optional(Type.Number({ description: 'Milestone number' })),
      }),
    });
    expect(toNumber.changes).toEqual([
      {
        kind: 'feature',
        pointer: '/actions/issues.create/input/properties/milestone/type',
        message: 'action issues.create: input field "milestone" now also accepts number',
      },
    ]);
    const toText = withCreate({
      input: Type.Object({
        ...CreateInput.properties,
        milestone: Type.Optional(Type.String({ description: 'Milestone number' })),
      }),
    });
    expect(toText.changes).toEqual([
      {
        kind: 'breaking',
        pointer: '/actions/issues.create/input/properties/milestone/type',
        message: 'action issues.create: input field "milestone" changed type from integer to string',
      },
    ]);
    const nullable = withCreate({
      input: Type.Object({
        ...CreateInput.properties,
        body: Type.Optional(Type.Union([Type.String(), Type.Null()], { description: 'Markdown text' })),
      }),
    });
    expect(nullable.changes).toEqual([
      {
        kind: 'feature',
        pointer: '/actions/issues.create/input/properties/body/type',
        message: 'action issues.create: input field "body" now also accepts null',
      },
    ]);
  });

  it('tighter input constraints are breaking, looser ones a feature', () => {
    const result = withCreate({
      input: Type.Object({
        ...CreateInput.properties,
        repo: Type.String({ minLength: 3, description: 'owner/name' }),
        title: Type.String({ maxLength: 1024, description: 'Title' }),
        labels: Type.Optional(Type.Array(Type.String({ pattern: '^[a-z]+$' }), { description: 'Label names' })),
      }),
    });
    expect(result).toEqual({
      bump: 'major',
      changes: [
        {
          kind: 'breaking',
          pointer: '/actions/issues.create/input/properties/repo/minLength',
          message: 'action issues.create: input field "repo" now has minLength 3 (was 1)',
        },
        {
          kind: 'breaking',
          pointer: '/actions/issues.create/input/properties/labels/items/pattern',
          message: 'action issues.create: input field "labels[]" now has pattern "^[a-z]+$"',
        },
        {
          kind: 'feature',
          pointer: '/actions/issues.create/input/properties/title/maxLength',
          message: 'action issues.create: input field "title" now has maxLength 1024 (was 256)',
        },
      ],
    });
  });

  it('closing the input object to unknown fields is breaking', () => {
    const result = withCreate({ input: Type.Object(CreateInput.properties, { additionalProperties: false }) });
    expect(result.changes).toEqual([
      {
        kind: 'breaking',
        pointer: '/actions/issues.create/input/additionalProperties',
        message: 'action issues.create: the input no longer accepts fields it does not list',
      },
    ]);
  });

  it('walks nested objects in arrays', () => {
    const Entry = (extra: Record<string, TSchema>) =>
      Type.Object({ files: Type.Array(Type.Object({ path: Type.String(), ...extra }), { description: 'Files' }) });
    const result = diffManifests(
      manifest({ actions: [action('files.commit', { input: Entry({}) })] }),
      manifest({ actions: [action('files.commit', { input: Entry({ mode: Type.String() }) })] }),
    );
    expect(result.changes).toEqual([
      {
        kind: 'breaking',
        pointer: '/actions/files.commit/input/properties/files/items/properties/mode',
        message: 'action files.commit: new required input field "files[].mode"',
        requires: true,
      },
    ]);
  });

  it('pairs union branches by type and compares inside them', () => {
    // The shape of the postgres connector's `ssl` field: a boolean, or one of a few modes.
    const ssl = (modes: string[]) =>
      Type.Object({
        ssl: Type.Optional(
          Type.Union([Type.Boolean(), Type.Union(modes.map((m) => Type.Literal(m)))], { description: 'TLS' }),
        ),
      });
    const result = diffManifests(
      manifest({ actions: [action('query', { input: ssl(['disable', 'require']) })] }),
      manifest({ actions: [action('query', { input: ssl(['disable', 'require', 'verify-full']) })] }),
    );
    expect(result.changes).toEqual([
      {
        kind: 'feature',
        pointer: '/actions/query/input/properties/ssl/anyOf/1',
        message: 'action query: input field "ssl" now also accepts "verify-full"',
      },
    ]);
  });

  it('walks record values (patternProperties), untyped ones included', () => {
    const rows = (value: TSchema) => Type.Object({ rows: Type.Array(Type.Record(Type.String(), value)) });
    const unknown = manifest({ actions: [action('rows.insert', { input: rows(Type.Unknown()) })] });
    expect(diffManifests(unknown, structuredClone(unknown)).changes).toEqual([]);
    const typed = manifest({ actions: [action('rows.insert', { input: rows(Type.String()) })] });
    expect(diffManifests(unknown, typed).changes).toEqual([
      {
        kind: 'breaking',
        pointer: '/actions/rows.insert/input/properties/rows/items/patternProperties/^(.*)$/type',
        message: 'action rows.insert: input field "rows[].*" now only accepts string',
      },
    ]);
  });

  it('counts a change it cannot reason about as breaking', () => {
    const before = manifest();
    const after = manifest();
    const input = after.actions[0]?.input ?? {};
    input.allOf = [{ required: ['body'] }];
    expect(diffManifests(before, after)).toEqual({
      bump: 'major',
      changes: [
        {
          kind: 'breaking',
          pointer: '/actions/issues.create/input/allOf',
          message:
            'action issues.create: the input: "allOf" changed, and whether that is compatible cannot be told, so it counts as breaking',
        },
      ],
    });
  });
});

describe('diffManifests: output schemas', () => {
  const { number, state, body, labels, url } = Issue.properties;

  it('a removed output field is breaking', () => {
    expect(withCreate({ output: Type.Object({ number, state, body, labels }) }).changes).toEqual([
      {
        kind: 'breaking',
        pointer: '/actions/issues.create/output/properties/url',
        message: 'action issues.create: output field "url" was removed',
      },
    ]);
  });

  it('an output field that changed type or may now be null is breaking', () => {
    const retyped = withCreate({ output: Type.Object({ number: Type.String(), state, body, labels, url }) });
    expect(retyped.changes).toEqual([
      {
        kind: 'breaking',
        pointer: '/actions/issues.create/output/properties/number/type',
        message: 'action issues.create: output field "number" changed type from integer to string',
      },
      {
        kind: 'fix',
        pointer: '/actions/issues.create/output/properties/number/description',
        message: 'action issues.create: output field "number": description changed',
      },
    ]);
    const nullable = withCreate({
      output: Type.Object({
        number,
        state,
        body,
        labels,
        url: Type.Union([Type.String({ format: 'uri' }), Type.Null()]),
      }),
    });
    expect(nullable.changes).toEqual([
      {
        kind: 'breaking',
        pointer: '/actions/issues.create/output/properties/url/type',
        message: 'action issues.create: output field "url" may now be null',
      },
    ]);
  });

  it('an output field made optional is breaking; made always present a fix', () => {
    const optional = withCreate({ output: Type.Object({ number, state, body, labels, url: Type.Optional(url) }) });
    expect(optional.changes).toEqual([
      {
        kind: 'breaking',
        pointer: '/actions/issues.create/output/required',
        message: 'action issues.create: output field "url" is now optional (it may be missing)',
        field: '/actions/issues.create/output/properties/url',
      },
    ]);
    expect(
      diffManifests(
        manifest({
          actions: [
            action('issues.create', { output: Type.Object({ number, state, body, labels, url: Type.Optional(url) }) }),
            action('issues.close'),
          ],
        }),
        manifest(),
      ),
    ).toMatchObject({
      bump: 'patch',
      changes: [{ kind: 'fix', message: 'action issues.create: output field "url" is now always present' }],
    });
  });

  it('a new output field is a feature, and so is a new value of an output enum', () => {
    const result = withCreate({
      output: Type.Object({
        number,
        state: Type.Union([Type.Literal('open'), Type.Literal('closed'), Type.Literal('locked')]),
        body,
        labels,
        url,
        locked: Type.Boolean(),
      }),
    });
    expect(result).toEqual({
      bump: 'minor',
      changes: [
        {
          kind: 'feature',
          pointer: '/actions/issues.create/output/properties/state',
          message: 'action issues.create: output field "state" may now also be "locked"',
        },
        {
          kind: 'feature',
          pointer: '/actions/issues.create/output/properties/locked',
          message: 'action issues.create: new output field "locked"',
        },
      ],
    });
  });

  it('an output enum opened up to any string is breaking', () => {
    const result = withCreate({ output: Type.Object({ number, state: Type.String(), body, labels, url }) });
    expect(result.changes).toEqual([
      {
        kind: 'breaking',
        pointer: '/actions/issues.create/output/properties/state',
        message: 'action issues.create: output field "state" may now be any string, not only "open", "closed"',
      },
    ]);
  });

  it('an output that is no longer nullable, or tighter, only fixes', () => {
    const result = withCreate({
      output: Type.Object({
        number: Type.Integer({ minimum: 1, description: 'Number within the repository' }),
        state,
        body: Type.String(),
        labels,
        url,
      }),
    });
    expect(result).toEqual({
      bump: 'patch',
      changes: [
        {
          kind: 'fix',
          pointer: '/actions/issues.create/output/properties/number/minimum',
          message: 'action issues.create: output field "number" now has minimum 1',
        },
        {
          kind: 'fix',
          pointer: '/actions/issues.create/output/properties/body/type',
          message: 'action issues.create: output field "body" is never null now',
        },
      ],
    });
  });

  it('a removed nested output field is located inside the array items', () => {
    const result = withCreate({
      output: Type.Object({ number, state, body, labels: Type.Array(Type.Object({ name: Type.String() })), url }),
    });
    expect(result.changes).toEqual([
      {
        kind: 'breaking',
        pointer: '/actions/issues.create/output/properties/labels/items/properties/color',
        message: 'action issues.create: output field "labels[].color" was removed',
      },
    ]);
  });

  it('applies the output rules to what a trigger emits', () => {
    const result = diffManifests(
      manifest(),
      manifest({ triggers: [trigger('issues.new', Type.Object({ number, state, body, labels }))] }),
    );
    expect(result.changes).toEqual([
      {
        kind: 'breaking',
        pointer: '/triggers/issues.new/output/properties/url',
        message: 'trigger issues.new: output field "url" was removed',
      },
    ]);
  });
});

describe('diffManifests: auth and network', () => {
  const custom = (fields: Record<string, TSchema>) => Auth.custom({ fields: Type.Object(fields) });

  it('another auth kind is breaking', () => {
    const result = diffManifests(manifest(), manifest({ auth: Auth.apiKey({ in: 'header', name: 'X-Key' }) }));
    expect(result).toEqual({
      bump: 'major',
      changes: [
        {
          kind: 'breaking',
          pointer: '/auth/kind',
          message: 'the connection kind changed from bearer to apiKey: every saved connection must be made again',
        },
      ],
    });
  });

  it('a new required connection field is breaking, a new optional one a feature', () => {
    const before = manifest({ auth: custom({ host: Type.String({ description: 'Host' }) }) });
    const required = manifest({ auth: custom({ host: Type.String({ description: 'Host' }), key: Type.String() }) });
    expect(diffManifests(before, required).changes).toEqual([
      {
        kind: 'breaking',
        pointer: '/auth/schema/properties/key',
        message: 'new required connection field "key"',
        requires: true,
      },
    ]);
    const optional = manifest({
      auth: custom({ host: Type.String({ description: 'Host' }), port: Type.Optional(Type.Integer()) }),
    });
    expect(diffManifests(before, optional)).toEqual({
      bump: 'minor',
      changes: [
        { kind: 'feature', pointer: '/auth/schema/properties/port', message: 'new optional connection field "port"' },
      ],
    });
  });

  it('a new OAuth scope is breaking: tokens granted before lack it', () => {
    const oauth = (scopes: string[]) =>
      Auth.oauth2({ flows: ['authorization_code'], tokenUrl: 'https://tracker.test/token', scopes });
    const result = diffManifests(manifest({ auth: oauth(['read']) }), manifest({ auth: oauth(['read', 'write']) }));
    expect(result).toEqual({
      bump: 'major',
      changes: [{ kind: 'breaking', pointer: '/auth/scopes', message: 'new OAuth scope: write' }],
    });
  });

  it('a new network host is a feature worth telling about', () => {
    const result = diffManifests(manifest(), manifest({ allow: ['api.tracker.test', 'uploads.tracker.test'] }));
    expect(result).toEqual({
      bump: 'minor',
      changes: [{ kind: 'feature', pointer: '/network/allow', message: 'new network host: uploads.tracker.test' }],
    });
  });

  it('declaring files is a feature, recorded in the manifest; dropping them is a fix', () => {
    const withFiles = { ...manifest(), fs: { connectionPaths: ['filename'], siblingSuffixes: ['-journal'] } };
    expect(diffManifests(manifest(), withFiles)).toEqual({
      bump: 'minor',
      changes: [
        { kind: 'feature', pointer: '/fs/connectionPaths', message: 'new connection file field: filename' },
        { kind: 'feature', pointer: '/fs/siblingSuffixes', message: 'new file sibling suffix: -journal' },
      ],
    });
    expect(diffManifests(withFiles, manifest()).bump).toBe('patch');
    const connector = defineConnector({
      name: 'files',
      title: 'Files',
      description: 'Opens a file.',
      categories: [],
      auth: Auth.none(),
      actions: [action('files.read')],
      fs: { connectionPaths: ['filename'] },
    });
    expect(buildManifest(connector, { name: '@acme/connector-files', version: '1.0.0' }).fs).toEqual({
      connectionPaths: ['filename'],
    });
  });
});

describe('bumpFor', () => {
  it('takes the largest bump any change needs', () => {
    const change = (kind: 'breaking' | 'feature' | 'fix') => ({ kind, pointer: '', message: '' });
    expect(bumpFor([])).toBe('patch');
    expect(bumpFor([change('fix')])).toBe('patch');
    expect(bumpFor([change('fix'), change('feature')])).toBe('minor');
    expect(bumpFor([change('feature'), change('breaking'), change('fix')])).toBe('major');
  });
});
