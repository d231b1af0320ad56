import { describe, expect, it } from 'vitest';
import { endpoint } from './client.js';

describe('endpoint', () => {
  it('defaults to api.stripe.com over https', () => {
    expect(endpoint(undefined)).toEqual({ protocol: 'https', host: 'api.stripe.com', port: 443 });
  });

  it('takes a gateway host and port, and loopback http', () => {
    expect(endpoint('https://stripe-gw.example.com:8443/')).toEqual({
      protocol: 'https',
      host: 'stripe-gw.example.com',
      port: 8443,
    });
    expect(endpoint('http://127.0.0.1:12111')).toEqual({ protocol: 'http', host: '127.0.0.1', port: 12111 });
  });

  it('refuses a path (the SDK sends /v1 from the root) and plain http off loopback', () => {
    expect(() => endpoint('https://gw.example.com/stripe', 'customers.get')).toThrow(/has a path/);
    expect(() => endpoint('http://gw.example.com')).toThrow(/not an https URL/);
  });
});
