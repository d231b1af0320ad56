import { generateKeyPairSync, randomUUID } from 'node:crypto';

export const CLIENT_EMAIL = 'mova-runner@mova-conformance.iam.gserviceaccount.com';
export const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });

/** A service account key file in the shape the Cloud console downloads; each call gets its own key id. */
export function keyFile(): string {
  return JSON.stringify({
    type: 'service_account',
    project_id: 'mova-conformance',
    private_key_id: randomUUID().replaceAll('-', ''),
    private_key: keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    client_email: CLIENT_EMAIL,
    client_id: '109876543210987654321',
    token_uri: 'https://oauth2.googleapis.com/token',
  });
}
