import { googleErrorMapping } from '@mova/sdk/google';

/**
 * Pub/Sub's failures as ConnectorErrors (AIP-193 error bodies, "Pub/Sub error codes"):
 * NOT_FOUND, ALREADY_EXISTS, PERMISSION_DENIED, RESOURCE_EXHAUSTED and the rest by status.
 */
export const pubsubErrors = googleErrorMapping({
  vendor: 'Pub/Sub',
  codes: { ALREADY_EXISTS: 'conflict', FAILED_PRECONDITION: 'invalid_input' },
  hints: {
    403: 'Grant the service account a Pub/Sub role on the topic or subscription: "Pub/Sub Publisher" to publish, "Pub/Sub Subscriber" to pull and acknowledge, "Pub/Sub Viewer" to list, "Pub/Sub Editor" to create.',
    404: 'Check the topic or subscription name and the project; topics.list and subscriptions.list show what exists.',
    409: 'A topic or subscription of this name exists already.',
  },
});
