import { Auth, buildManifest, defineAction, defineConnector, Type } from '@mova/sdk';
import * as sdk from '@mova/sdk/host';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseManifest } from './read-connector.js';

// The runtime takes validateManifest from the SDK's host entry.
vi.mock('@mova/sdk/host', async (original) => {
  const actual = await original<typeof import('@mova/sdk/host')>();
  return { ...actual, validateManifest: vi.fn(actual.validateManifest) };
});

const ping = defineAction({
  key: 'ping',
  title: 'Ping',
  description: 'Answers pong.',
  input: Type.Object({}),
  output: Type.Object({ pong: Type.Boolean({ description: 'Always true' }) }),
  run: async () => ({ pong: true }),
});

function manifestBytes(version: string): Buffer {
  const connector = defineConnector({
    name: 'pinger',
    title: 'Pinger',
    description: 'Pings.',
    categories: ['developer-tools'],
    auth: Auth.none(),
    actions: [ping],
  });
  return Buffer.from(JSON.stringify(buildManifest(connector, { name: '@acme/connector-pinger', version })));
}

describe('parseManifest', () => {
  afterEach(() => {
    vi.mocked(sdk.validateManifest).mockClear();
  });

  it('checks a manifest once per content: the same bytes again are not re-validated', () => {
    const bytes = manifestBytes('1.0.0');
    expect(parseManifest(bytes, 'a').version).toBe('1.0.0');
    expect(parseManifest(Buffer.from(bytes), 'b').version).toBe('1.0.0');
    expect(sdk.validateManifest).toHaveBeenCalledTimes(1);
    expect(parseManifest(manifestBytes('1.0.1'), 'c').version).toBe('1.0.1');
    expect(sdk.validateManifest).toHaveBeenCalledTimes(2);
  });

  it('returns a fresh object each time, so a caller cannot change what another one gets', () => {
    const bytes = manifestBytes('2.0.0');
    const first = parseManifest(bytes, 'a');
    first.title = 'changed';
    expect(parseManifest(bytes, 'a').title).toBe('Pinger');
  });

  it('still refuses a broken manifest, and one that is not JSON', () => {
    const broken = JSON.parse(manifestBytes('3.0.0').toString('utf8'));
    broken.actions[0].input = { type: 'strin' };
    expect(() => parseManifest(Buffer.from(JSON.stringify(broken)), 'broken.json')).toThrow(
      /^broken\.json is not a valid manifest: /,
    );
    expect(() => parseManifest(Buffer.from('{'), 'half.json')).toThrow('half.json is not valid JSON');
  });
});
