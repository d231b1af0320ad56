import { describe, expect, it } from 'vitest';
import { hostAllowed } from './allow-hosts.js';

describe('hostAllowed', () => {
  it.each([
    ['https://api.example.com/x', ['api.example.com'], true],
    ['https://API.Example.com/x', ['api.example.com'], true],
    ['https://evil.com/x', ['api.example.com'], false],
    ['https://a.b.example.com/x', ['*.example.com'], true],
    ['https://example.com/x', ['*.example.com'], false],
    ['https://notexample.com/x', ['*.example.com'], false],
    ['http://127.0.0.1:8080/x', ['127.0.0.1:8080'], true],
    ['http://127.0.0.1:9090/x', ['127.0.0.1:8080'], false],
    ['http://127.0.0.1:9090/x', ['127.0.0.1'], true],
    ['https://api.example.com/x', ['api.example.com:443'], true],
    ['http://[::1]:3000/x', ['[::1]:3000'], true],
    ['http://[::1]:3000/x', ['::1'], true],
    ['https://anything.test/', ['*'], true],
    ['https://anything.test/', [], false],
  ])('%s with %j → %s', (url, allow, expected) => {
    expect(hostAllowed(new URL(url), allow)).toBe(expected);
  });
});
