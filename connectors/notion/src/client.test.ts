import { ConnectorError } from '@mova/sdk';
import { describe, expect, it } from 'vitest';
import { apiRoot } from './client.js';

describe('apiRoot', () => {
  it('defaults to api.notion.com and drops a trailing slash or /v1', () => {
    expect(apiRoot(undefined)).toBe('https://api.notion.com');
    expect(apiRoot('https://notion-proxy.example.com/v1/')).toBe('https://notion-proxy.example.com');
    expect(apiRoot('http://127.0.0.1:4010')).toBe('http://127.0.0.1:4010');
  });

  it('refuses plain http off loopback, as invalid input', () => {
    expect(() => apiRoot('http://proxy.example.com', 'pages.get')).toThrow(ConnectorError);
    try {
      apiRoot('http://proxy.example.com', 'pages.get');
    } catch (error) {
      expect(error).toMatchObject({ kind: 'invalid_input', actionKey: 'pages.get' });
    }
  });
});
