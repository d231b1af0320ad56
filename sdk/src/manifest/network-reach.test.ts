import { describe, expect, it } from 'vitest';
import { checkExampleHosts, connectionHostsIn, hostAllowed, unallowedHostsInSource } from './network-reach.js';
import type { Manifest } from './types.js';

const net = (allow: string[], connectionHosts?: string[]) => ({ network: { allow, connectionHosts } });

function manifest(allow: string[], input: unknown, connectionHosts?: string[], connection?: object): Manifest {
  return {
    ...net(allow, connectionHosts),
    actions: [{ key: 'fetch', examples: [{ input, ...(connection && { connection }) }] }],
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
  });

  it("lets a connection's host through only when a network.connectionHosts field names it", () => {
    const policy = net(['api.example.io'], ['url']);
    expect(hostAllowed(policy, 'self-hosted.corp')).toBe(false);
    expect(hostAllowed(policy, 'self-hosted.corp', { url: 'https://Self-Hosted.corp:8443/api' })).toBe(true);
    expect(hostAllowed(policy, 'self-hosted.corp', { other: 'https://self-hosted.corp' })).toBe(false);
  });
});

describe('connectionHostsIn', () => {
  it('reads hosts out of host names, URLs and multi-host connection strings, never rules', () => {
    const policy = net([], ['host', 'uri', 'base']);
    expect(
      connectionHostsIn(policy, { host: 'db.corp:5432', uri: 'mongodb://u:p@a.corp:1,b.corp:2/db', base: '*.corp' }),
    ).toEqual(['db.corp', 'a.corp', 'b.corp']);
    expect(connectionHostsIn(policy, undefined)).toEqual([]);
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
      'the example of "fetch" reaches cdn.acme.io, which neither network.allow nor the example\'s connection allows',
      'the example of "fetch" reaches db.acme.io, which neither network.allow nor the example\'s connection allows',
    ]);
    expect(issues[0]?.pointer).toBe('/actions/0/examples/0/input');
    expect(issues[0]?.hint).toContain('network.allow');
  });

  it('stays quiet on allowed, loopback and placeholder hosts, and on connectors that connect nowhere', () => {
    expect(checkExampleHosts(manifest(['*.acme.io'], { url: 'https://eu.acme.io/v1' }))).toEqual([]);
    expect(checkExampleHosts(manifest(['api.acme.io'], { url: 'http://127.0.0.1:8080/' }))).toEqual([]);
    expect(checkExampleHosts(manifest(['api.acme.io'], { url: 'https://www.example.com/' }))).toEqual([]);
    expect(checkExampleHosts(manifest([], { ns: 'http://www.w3.org/1999/xhtml' }))).toEqual([]);
  });

  it("warns a connector with connection hosts too, unless the example's connection names the host", () => {
    const input = { url: 'https://jira.corp/rest/api/2/issue/1' };
    const [issue] = checkExampleHosts(manifest(['api.atlassian.com'], input, ['baseUrl']));
    expect(issue?.message).toBe(
      'the example of "fetch" reaches jira.corp, which neither network.allow nor the example\'s connection allows',
    );
    expect(issue?.hint).toContain("connection: { baseUrl: 'https://jira.corp' }");
    expect(
      checkExampleHosts(manifest(['api.atlassian.com'], input, ['baseUrl'], { baseUrl: 'https://jira.corp' })),
    ).toEqual([]);
    expect(
      checkExampleHosts(manifest(['api.atlassian.com'], input, ['baseUrl'], { baseUrl: 'https://other.corp' })),
    ).toHaveLength(1);
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
    // Tests of a connector with connection hosts build connections to any host: not followed.
    expect(unallowedHostsInSource(net(['api.acme.io'], ['url']), source)).toEqual([]);
  });
});
