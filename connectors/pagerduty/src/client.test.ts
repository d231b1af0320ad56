import { describe, expect, it } from 'vitest';
import { apiRoot, eventsRoot, routingKeyOf } from './client.js';

describe('API roots', () => {
  it('follow the service region, US by default', () => {
    expect(apiRoot({})).toBe('https://api.pagerduty.com');
    expect(eventsRoot({})).toBe('https://events.pagerduty.com');
    expect(apiRoot({ region: 'eu' })).toBe('https://api.eu.pagerduty.com');
    expect(eventsRoot({ region: 'eu' })).toBe('https://events.eu.pagerduty.com');
  });

  it('take apiUrl and eventsUrl over the region, and refuse clear text off loopback', () => {
    expect(apiRoot({ region: 'eu', apiUrl: 'https://pd-proxy.example.com/' })).toBe('https://pd-proxy.example.com');
    expect(eventsRoot({ eventsUrl: 'http://127.0.0.1:8080' })).toBe('http://127.0.0.1:8080');
    expect(() => apiRoot({ apiUrl: 'http://pd-proxy.example.com' })).toThrow(/https/);
  });
});

describe('routingKeyOf', () => {
  it('prefers the step’s key, falls back to the connection’s, and refuses none', () => {
    expect(routingKeyOf('step', { routingKey: 'conn' }, 'events.trigger')).toBe('step');
    expect(routingKeyOf(undefined, { routingKey: 'conn' }, 'events.trigger')).toBe('conn');
    expect(() => routingKeyOf(undefined, {}, 'events.trigger')).toThrow(/no routing key/);
  });
});
