import type { Static } from '@mova/sdk';
import { googleConnectionFields } from '@mova/sdk/google';

export const DRIVE_API_ROOT = 'https://www.googleapis.com';

/** A service account key (optionally acting as a Workspace user) or a Google user's OAuth tokens. */
export const connectionFields = googleConnectionFields({
  api: { name: 'Drive API', default: DRIVE_API_ROOT },
});

export type DriveConnection = Static<typeof connectionFields>;
