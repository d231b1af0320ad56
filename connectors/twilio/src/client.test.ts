import { describe, expect, it } from 'vitest';
import { pageUrl, twilioClient } from './client.js';
import { nextPageOf } from './schemas.js';

const accountSid = `AC${'0'.repeat(32)}`;

describe('twilioClient', () => {
  it('uses the Auth Token or an API key, and refuses half an API key', () => {
    expect(twilioClient({ accountSid, authToken: 't' }, {})).toMatchObject({ username: accountSid, accountSid });
    const keyed = twilioClient({ accountSid, apiKeySid: `SK${'1'.repeat(32)}`, apiKeySecret: 's' }, {});
    expect(keyed).toMatchObject({ username: `SK${'1'.repeat(32)}`, accountSid });
    expect(() => twilioClient({ accountSid, apiKeySid: `SK${'1'.repeat(32)}` }, {})).toThrow(/apiKeySecret/);
    expect(() => twilioClient({ accountSid }, {})).toThrow(/neither an Auth Token nor an API key/);
  });

  it('sends to a region and edge, unless apiUrl names the API root', () => {
    const regional = twilioClient({ accountSid, authToken: 't', region: 'ie1', edge: 'dublin' }, {});
    expect(regional.getHostname('api.twilio.com', regional.edge, regional.region)).toBe('api.dublin.ie1.twilio.com');
    const proxied = twilioClient({ accountSid, authToken: 't', region: 'ie1', apiUrl: 'http://127.0.0.1:9/' }, {});
    expect(proxied.region).toBeUndefined();
    expect(() => twilioClient({ accountSid, authToken: 't', apiUrl: 'http://twilio.example.com' }, {})).toThrow(
      /https/,
    );
  });
});

describe('paging', () => {
  it("turns next_page_uri into a URL only for this account's resource", () => {
    const next = `/2010-04-01/Accounts/${accountSid}/Messages.json?PageSize=2&Page=1&PageToken=PA1`;
    expect(pageUrl(next, accountSid, 'Messages')).toBe(`https://api.twilio.com${next}`);
    expect(() => pageUrl(next, accountSid, 'Calls')).toThrow(/not a Calls page/);
    expect(() => pageUrl('https://evil.example/x', accountSid, 'Messages')).toThrow();
    expect(nextPageOf(`https://api.twilio.com${next}`)).toBe(next);
    expect(nextPageOf(undefined)).toBeNull();
  });
});
