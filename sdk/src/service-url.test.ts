import { describe, expect, it } from 'vitest';
import { serviceUrl, serviceUrlOf } from './service-url.js';

describe('serviceUrl', () => {
  it('describes an https-or-loopback URL field with its default', () => {
    expect(serviceUrl({ description: 'API root', default: 'https://api.example.com' })).toMatchObject({
      type: 'string',
      description: 'API root',
      default: 'https://api.example.com',
    });
  });
});

describe('serviceUrlOf', () => {
  it('takes the given URL or the default, without trailing slashes', () => {
    expect(serviceUrlOf(undefined, 'https://api.example.com/v1/')).toBe('https://api.example.com/v1');
    expect(serviceUrlOf('http://127.0.0.1:4010/', 'https://api.example.com')).toBe('http://127.0.0.1:4010');
    expect(serviceUrlOf('https://jira.corp.example:8443/jira', 'https://x.test')).toBe(
      'https://jira.corp.example:8443/jira',
    );
  });

  it('refuses plain http to a host that is not loopback', () => {
    expect(() => serviceUrlOf('http://jira.corp.example', 'https://x.test')).toThrow(/not an https URL/);
    expect(() => serviceUrlOf('http://127.0.0.1.evil.test', 'https://x.test')).toThrow(/not an https URL/);
  });
});
