import { describe, expect, it } from 'vitest';
import { clientOptions } from './client.js';
import { sessionClientId } from './triggers/new-message.js';

describe('clientOptions', () => {
  it('builds mqtt:// or mqtts:// from host fields, with default ports', () => {
    expect(clientOptions({ host: 'broker.local' }, {}).url).toBe('mqtt://broker.local:1883');
    expect(clientOptions({ host: 'broker.local', tls: true }, {}).url).toBe('mqtts://broker.local:8883');
    expect(clientOptions({ host: '::1', port: 1884 }, {}).url).toBe('mqtt://[::1]:1884');
    expect(clientOptions({ url: 'wss://b.example/mqtt', host: 'ignored' }, {}).url).toBe('wss://b.example/mqtt');
  });

  it('uses a clean session with a random id for actions, and a persistent one when asked', () => {
    const action = clientOptions({ host: 'h' }, {}).options;
    expect(action).toMatchObject({ clean: true, protocolVersion: 5, reconnectPeriod: 0 });
    expect(action.clientId).toMatch(/^mova-[0-9a-f]{18}$/);
    expect(clientOptions({ host: 'h', clientId: 'fixed' }, {}).options.clientId).toBe('fixed');
    const trigger = clientOptions(
      { host: 'h' },
      { clientId: 'mova-x', persistent: true, sessionExpirySeconds: 60 },
    ).options;
    expect(trigger).toMatchObject({ clean: false, clientId: 'mova-x', properties: { sessionExpiryInterval: 60 } });
    const v311 = clientOptions({ host: 'h', protocolVersion: 4 }, { persistent: true }).options;
    expect(v311.properties).toBeUndefined();
  });

  it('refuses a connection without URL or host', () => {
    expect(() => clientOptions({}, {}, 'publish')).toThrow(/neither a URL nor a host/);
  });
});

describe('sessionClientId', () => {
  it('is stable, short enough for MQTT 3.1, and differs per filter and name', () => {
    const id = sessionClientId({ host: 'h' }, 'a/#');
    expect(id).toBe(sessionClientId({ host: 'h' }, 'a/#'));
    expect(id.length).toBeLessThanOrEqual(23);
    expect(sessionClientId({ host: 'h' }, 'b/#')).not.toBe(id);
    expect(sessionClientId({ host: 'h' }, 'a/#', 'second')).not.toBe(id);
    expect(sessionClientId({ host: 'h', username: 'u' }, 'a/#')).not.toBe(id);
  });
});
