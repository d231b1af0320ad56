import { describe, expect, it } from 'vitest';
import { checkExampleHosts, hostAllowed, unallowedHostsInSource } from './network-reach.js';
import type { Manifest } from './types.js';

const net = (allow: string[], connectionHosts?: string[]) => ({ network: { allow, connectionHosts } });

function manifest(allow: string[], input: unknown, connectionHosts?: string[]): Manifest {
  return {
    ...net(allow, connectionHosts),
    actions: [{ key: 'fetch', examples: [{ input }] }],
    triggers: [],
  } as unknown as Manifest;
}

describe('hostAllowed', () => {
  it('matches hosts as the sandbox rules do', () => {
    expect(hostAllowed(net(['api.example.io']), 'API.example.io.')).toBe(true);
    expect(hostAllowed(net(['*.slack.com']), 'files.slack.com')).toBe(true);
    expect(hostAllowed(net(['*.slack.com']), 'slack.com')).toBe(false);
    expect(hostAllowed(net(['host.io:8443']), 'host.io')).toBe(true);
    expect(hostAllowed(net(['[::2]:80']), '[::2]')).toBe(true);
    expect(hostAllowed(net(['*']), 'anything.io')).toBe(true);
    expect(hostAllowed(net(['api.example.io']), 'evil.io')).toBe(false);
    expect(hostAllowed(net(['api.example.io'], ['url']), 'self-hosted.corp')).toBe(true);
  });
});

describe('checkExampleHosts', () => {
  it('warns about a URL or host field in an example input that the policy blocks', () => {
    const issues = checkExampleHosts(
      manifest(['api.acme.io'], {
        page: { link: 'https://cdn.acme.io/a.png' },
        host: 'db.acme.io',
        ok: 'https://api.acme.io/x',
      }),
    );
    expect(issues.map((i) => i.message)).toEqual([
      'the example of "fetch" reaches cdn.acme.io, which network.allow does not allow',
      'the example of "fetch" reaches db.acme.io, which network.allow does not allow',
    ]);
    expect(issues[0]?.pointer).toBe('/actions/0/examples/0/input');
    expect(issues[0]?.hint).toContain('network.allow');
  });

  it('stays quiet on allowed, loopback and placeholder hosts, and on connectors that connect nowhere', () => {
    expect(checkExampleHosts(manifest(['*.acme.io'], { url: 'https://eu.acme.io/v1' }))).toEqual([]);
    expect(checkExampleHosts(manifest(['api.acme.io'], { url: 'http://127.0.0.1:8080/' }))).toEqual([]);
    expect(checkExampleHosts(manifest(['api.acme.io'], { url: 'https://www.example.com/' }))).toEqual([]);
    expect(checkExampleHosts(manifest([], { ns: 'http://www.w3.org/1999/xhtml' }))).toEqual([]);
    expect(checkExampleHosts(manifest(['api.acme.io'], { url: 'https://pg.corp' }, ['connectionString']))).toEqual([]);
  });
});

describe('unallowedHostsInSource', () => {
  it('reports http(s) literals that are not loopback or allowed, with their line, skipping comments', () => {
    const source = [
      "const base = 'http://127.0.0.1:4010';",
      "await fetch('https://api.acme.io/v1');",
      '// see https://docs.other.io/guide',
      "await fetch('https://hooks.other.io/x'); const b = 'http://[::1]:9/'",
    ].join('\n');
    expect(unallowedHostsInSource(net(['api.acme.io']), source).map((h) => [h.line, h.host])).toEqual([
      [4, 'hooks.other.io'],
    ]);
  });
});
