import { defineTrigger, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { callHubSpot } from '../client.js';
import { crmRecord, propertyNames } from '../objects.js';
import { searchRecords } from '../search.js';

/**
 * Polls the contacts search API for the most recently modified contacts. Each item's `change` key is
 * the ID plus the modification time, so deduplication by it emits a contact again when it changes again.
 */
export const contactChanged = defineTrigger({
  kind: 'polling',
  key: 'contacts.changed',
  title: 'New or updated contact',
  description:
    'Starts a workflow when a HubSpot contact is created or any of its properties changes (contacts sorted by lastmodifieddate).',
  auth,
  input: Type.Object({
    properties: Type.Optional(propertyNames),
    maxPerPoll: Type.Integer({
      minimum: 1,
      maximum: 1000,
      default: 100,
      description:
        'Most recently modified contacts read per poll; more changes than this between two polls are missed.',
    }),
  }),
  output: Type.Composite([
    crmRecord,
    Type.Object({
      change: Type.String({ description: 'Contact ID and modification time, unique per change: `<id>@<updatedAt>`.' }),
      isNew: Type.Boolean({
        description: 'Whether the contact was created rather than updated (createdAt = updatedAt).',
      }),
    }),
  ]),
  dedupe: { by: 'id', field: 'change' },
  examples: [
    {
      title: 'Watch contacts with their email and lifecycle stage',
      input: { properties: ['email', 'lifecyclestage'] },
    },
  ],
  async poll({ input, auth, ctx }) {
    const { results } = await callHubSpot(auth, ctx, (hubspot) =>
      searchRecords(hubspot, 'contacts', {
        sorts: [{ propertyName: 'lastmodifieddate', direction: 'DESCENDING' }],
        ...(input.properties ? { properties: [...new Set(['lastmodifieddate', ...input.properties])] } : {}),
        maxResults: input.maxPerPoll,
      }),
    );
    // Oldest first, so a workflow sees changes in the order they happened.
    return results.reverse().map((contact) => ({
      ...contact,
      change: `${contact.id}@${contact.updatedAt}`,
      isNew: contact.createdAt === contact.updatedAt,
    }));
  },
});
