import { decodeField } from '@mova/sdk/messaging';

/** How an action reads message payloads (the codec is the SDK's messaging kit). */
export const decodeSchema = decodeField({ contentTypeFrom: 'the MQTT 5 content type' });
