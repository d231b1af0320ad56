import { describe, expect, it } from 'vitest';
import { sendgridClient } from './client.js';
import { contactBody, contactOf } from './contacts.js';

describe('sendgridClient', () => {
  it('sends to the data residency host, or to apiUrl, with the key and subuser', () => {
    const request = (connection: Parameters<typeof sendgridClient>[0]) =>
      sendgridClient(connection).createRequest({ url: '/v3/scopes', method: 'GET' });
    expect(request({ apiKey: 'SG.key-1234567', region: 'global' })).toMatchObject({
      baseURL: 'https://api.sendgrid.com/',
    });
    expect(request({ apiKey: 'SG.key-1234567', region: 'eu' })).toMatchObject({
      baseURL: 'https://api.eu.sendgrid.com/',
    });
    expect(request({ apiKey: 'SG.key-1234567', region: 'eu', apiUrl: 'http://127.0.0.1:9/' })).toMatchObject({
      baseURL: 'http://127.0.0.1:9/',
    });
    const client = sendgridClient({ apiKey: 'SG.key-1234567', region: 'global', onBehalfOf: 'shop' });
    expect(client.createHeaders({})).toMatchObject({ Authorization: 'Bearer SG.key-1234567', 'On-Behalf-Of': 'shop' });
  });
});

describe('contacts', () => {
  it('maps contact fields to SendGrid names and back', () => {
    expect(
      contactBody({ email: 'a@x.io', firstName: 'A', stateProvinceRegion: 'CA', customFields: { e1_T: 'x' } }),
    ).toEqual({
      email: 'a@x.io',
      first_name: 'A',
      state_province_region: 'CA',
      custom_fields: { e1_T: 'x' },
    });
    expect(contactOf({ id: '1', email: 'a@x.io', list_ids: ['l'], custom_fields: { tier: 'gold' } })).toEqual({
      id: '1',
      email: 'a@x.io',
      firstName: null,
      lastName: null,
      phoneNumber: null,
      city: null,
      country: null,
      postalCode: null,
      alternateEmails: [],
      listIds: ['l'],
      customFields: { tier: 'gold' },
      createdAt: null,
      updatedAt: null,
    });
  });
});
