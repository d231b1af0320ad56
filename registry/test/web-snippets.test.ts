import { describe, expect, it } from 'vitest';
import { connectionName, connectionSnippet } from '../src/marketplace/connection-snippet.js';
import {
  categoryLabel,
  compatibleRange,
  connectorPath,
  connectorRef,
  installCommand,
  monogram,
  packageFromPath,
  safeIconUrl,
  usesRef,
  workflowStep,
} from '../web/src/snippets.js';

describe('what the page tells people to type', () => {
  it('names first-party connectors by their bare name and others by package', () => {
    expect(connectorRef('@mova/connector-github')).toBe('github');
    expect(connectorRef('@mova/connector-azure-blob')).toBe('azure-blob');
    expect(connectorRef('@acme/connector-crm')).toBe('@acme/connector-crm');
    expect(connectorRef('@mova/sdk')).toBe('@mova/sdk');
    expect(connectorRef('mailer')).toBe('mailer');
  });

  it('pins the major version, or the minor one before 1.0', () => {
    expect(compatibleRange('1.4.2')).toBe('^1');
    expect(compatibleRange('12.0.0-beta.1')).toBe('^12');
    expect(compatibleRange('0.3.0')).toBe('^0.3');
  });

  it('writes the install command and the uses reference', () => {
    expect(installCommand('@mova/connector-github', '1.4.0')).toBe('mova-connector install github@^1');
    expect(installCommand('@acme/connector-crm', '2.0.1')).toBe('mova-connector install @acme/connector-crm@^2');
    expect(usesRef('@mova/connector-github', 'issues.create', '1.4.0')).toBe('github/issues.create@^1');
    expect(usesRef('@acme/connector-crm', 'deals.create', '2.0.1')).toBe('@acme/connector-crm/deals.create@^2');
    expect(usesRef('@alice/chat', 'chat.postMessage', '0.2.0')).toBe('@alice/chat/chat.postMessage@^0.2');
    // A bare name in `uses` means @mova/connector-<name>, so an unscoped package cannot be named.
    expect(usesRef('mailer', 'email.send', '1.0.0')).toBeNull();
  });

  it('writes a workflow step with the example input', () => {
    expect(JSON.parse(workflowStep('github/issues.create@^1', 'issues.create', { title: 'Hi' }))).toEqual({
      id: 'issues_create',
      uses: 'github/issues.create@^1',
      with: { title: 'Hi' },
    });
    expect(JSON.parse(workflowStep('x/a@^1', 'a', undefined))).toEqual({ id: 'a', uses: 'x/a@^1' });
    // The step names the connection the action needs, before its input.
    expect(workflowStep('@acme/connector-crm/deals.create@^2', 'deals.create', { title: 'Hi' }, 'crm')).toBe(
      '{\n  "id": "deals_create",\n  "uses": "@acme/connector-crm/deals.create@^2",\n  "connection": "crm",\n  "with": {\n    "title": "Hi"\n  }\n}',
    );
  });

  it('writes the connection to declare and fill in, secrets marked, named after the connector', () => {
    const auth = {
      kind: 'apiKey' as const,
      in: 'header' as const,
      name: 'X-Api-Key',
      validate: false,
      schema: {
        type: 'object',
        properties: {
          apiKey: { type: 'string', writeOnly: true },
          region: { type: 'string', enum: ['eu', 'us'] },
          timeout: { type: 'integer', default: 30 },
          baseUrl: { type: 'string', format: 'uri' },
        },
        required: ['apiKey', 'region', 'baseUrl'],
      },
    };
    expect(connectionSnippet('@acme/connector-crm', auth)).toEqual({
      name: 'crm',
      declaration: { crm: { connector: '@acme/connector-crm' } },
      file: {
        crm: {
          connector: '@acme/connector-crm',
          auth: { apiKey: '<secret>', region: 'eu', baseUrl: '<string (uri)>' },
        },
      },
      env: `MOVA_CONNECTION_CRM='{"connector":"@acme/connector-crm","auth":{"apiKey":"<secret>","region":"eu","baseUrl":"<string (uri)>"}}'`,
    });
    expect(connectionName('@mova/connector-azure-blob')).toBe('azure-blob');
    expect(connectionSnippet('@mova/connector-http', { kind: 'none', validate: false, schema: {} })).toBeNull();
  });

  it('writes categories as words', () => {
    expect(categoryLabel('developer-tools')).toBe('Developer tools');
    expect(categoryLabel('crm')).toBe('CRM');
    expect(categoryLabel('ai-agents')).toBe('AI agents');
  });

  it('draws a stable two-letter monogram', () => {
    expect(monogram('Chat Relay', '@alice/chat')).toEqual(monogram('Chat Relay', '@alice/chat'));
    expect(monogram('Chat Relay', '@alice/chat').letters).toBe('CR');
    expect(monogram('Mailer', 'mailer').letters).toBe('MA');
    expect(monogram('éclair à deux', 'x').letters).toBe('ÉÀ');
    expect(monogram('!!!', '@a/zz9').letters).toBe('AZ');
    const tones = new Set(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'].map((n) => monogram('X', n).tone));
    expect(tones.size).toBeGreaterThan(3);
    for (const tone of tones) expect(tone).toBeGreaterThanOrEqual(0);
  });

  it('shows only https and data: image icons', () => {
    expect(safeIconUrl('https://example.com/icon.svg')).toBe('https://example.com/icon.svg');
    expect(safeIconUrl(' data:image/svg+xml;base64,PHN2Zy8+')).toBe('data:image/svg+xml;base64,PHN2Zy8+');
    expect(safeIconUrl('data:image/png,abc')).toBe('data:image/png,abc');
    for (const bad of [
      'javascript:alert(1)',
      'JAVASCRIPT:alert(1)',
      'http://example.com/i.png',
      'data:text/html,<script>alert(1)</script>',
      '/icon.png',
      '//evil.example/x.png',
      '',
      null,
      undefined,
    ]) {
      expect(safeIconUrl(bad)).toBeNull();
    }
  });

  it('puts a connector page at a path that names its package, and reads it back', () => {
    for (const name of ['@alice/chat', 'mailer', '@mova/connector-github']) {
      expect(packageFromPath(connectorPath(name))).toBe(name);
    }
    expect(connectorPath('@alice/chat')).toBe('/-/mova/connectors/@alice/chat');
    expect(packageFromPath('/-/mova/connectors/%40alice%2Fchat')).toBe('@alice/chat');
    expect(packageFromPath('/-/mova/connectors/')).toBeNull();
    expect(packageFromPath('/-/mova/connectors/%E0%A4%A')).toBeNull();
    expect(packageFromPath('/')).toBeNull();
  });
});
