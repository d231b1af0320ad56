import { describe, expect, it } from 'vitest';
import { clientOptions, cloudHost, encodedApiKey } from './client.js';

describe('encodedApiKey', () => {
  it("encodes id:api_key as the ApiKey header wants it (the create API key docs' example)", () => {
    expect(encodedApiKey('VuaCfGcBCdbkQm-e5aOx:ui2lp2axTNmsyakw9tvNnw')).toBe(
      'VnVhQ2ZHY0JDZGJrUW0tZTVhT3g6dWkybHAyYXhUTm1zeWFrdzl0dk5udw==',
    );
    expect(encodedApiKey(' VnVhQ2ZHY0JDZGJrUW0tZTVhT3g6dWkybHAyYXhUTm1zeWFrdzl0dk5udw== ')).toBe(
      'VnVhQ2ZHY0JDZGJrUW0tZTVhT3g6dWkybHAyYXhUTm1zeWFrdzl0dk5udw==',
    );
  });
});

describe('cloudHost', () => {
  it("reads the Elasticsearch host of a Cloud ID (the Beats docs' example)", () => {
    const cloudId =
      'staging:dXMtZWFzdC0xLmF3cy5mb3VuZC5pbyRjZWM2ZjI2MWE3NGJmMjRjZTMzYmI4ODExYjg0Mjk0ZiRjNmMyY2E2ZDA0MjI0OWFmMGNjN2Q3YTllOTYyNTc0Mw==';
    expect(cloudHost(cloudId)).toBe('cec6f261a74bf24ce33bb8811b84294f.us-east-1.aws.found.io');
  });

  it('accepts each Elastic Cloud domain, with a port, and without a label', () => {
    const id = (text: string) => Buffer.from(text).toString('base64');
    expect(cloudHost(`a:${id('us-central1.gcp.cloud.es.io:443$es1$kb1')}`)).toBe('es1.us-central1.gcp.cloud.es.io');
    expect(cloudHost(id('westeurope.azure.elastic-cloud.com$es2$kb2'))).toBe('es2.westeurope.azure.elastic-cloud.com');
  });

  it('refuses other domains and unreadable ids as invalid input', () => {
    const id = (text: string) => Buffer.from(text).toString('base64');
    expect(() => cloudHost(`x:${id('ece.example.com$es$kb')}`, 'search')).toThrow(
      expect.objectContaining({
        kind: 'invalid_input',
        actionKey: 'search',
        message: expect.stringMatching(/ece\.example\.com/),
      }),
    );
    expect(() => cloudHost(`x:${id('notfound.io.evil.com$es$kb')}`)).toThrow(/not an Elastic Cloud domain/);
    expect(() => cloudHost('garbage')).toThrow(/cannot be read/);
  });
});

describe('clientOptions', () => {
  it('never retries by itself, and sets the auth the connection gives', () => {
    expect(clientOptions({ node: 'http://es:9200', apiKey: 'a:b' })).toEqual({
      maxRetries: 0,
      requestTimeout: 60_000,
      node: 'http://es:9200',
      auth: { apiKey: Buffer.from('a:b').toString('base64') },
    });
    expect(clientOptions({ node: 'http://es:9200', username: 'u', password: 'p' }).auth).toEqual({
      username: 'u',
      password: 'p',
    });
  });

  it('trusts a CA certificate, or pins the CA by fingerprint instead of verifying it', () => {
    expect(clientOptions({ node: 'https://es:9200', caCertificate: 'PEM' }).tls).toEqual({ ca: 'PEM' });
    expect(clientOptions({ node: 'https://es:9200', caFingerprint: 'AA' })).toMatchObject({
      caFingerprint: 'AA',
      tls: { rejectUnauthorized: false },
    });
  });

  it('refuses incomplete or contradictory connections', () => {
    expect(() => clientOptions({})).toThrow(/neither a node URL nor a Cloud ID/);
    expect(() => clientOptions({ node: 'http://a', cloudId: 'x' })).toThrow(/not both/);
    expect(() => clientOptions({ node: 'http://a', username: 'u' })).toThrow(/both username and password/);
  });
});
