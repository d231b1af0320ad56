import { Auth } from '@mova/sdk';
import { callHubSpot } from './client.js';
import { connectionFields } from './connection.js';

export const auth = Auth.custom({
  fields: connectionFields,
  // Reading one contact needs only crm.objects.contacts.read, the scope nearly every CRM app has, and
  // still refuses a bad or expired token with 401.
  validate: async (connection) => {
    await callHubSpot(connection, undefined, (hubspot) =>
      hubspot.crm.objects.basicApi.getPage('contacts', 1, undefined, ['hs_object_id']),
    );
  },
});
