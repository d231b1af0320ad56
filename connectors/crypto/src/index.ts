import { defineConnector } from '@mova/sdk';
import { decodeJwtAction } from './actions/decode-jwt.js';
import { decryptData } from './actions/decrypt-data.js';
import { encryptData } from './actions/encrypt-data.js';
import { generateBytes } from './actions/generate-bytes.js';
import { generateUuid } from './actions/generate-uuid.js';
import { hashData } from './actions/hash-data.js';
import { signHmac } from './actions/sign-hmac.js';
import { signJwt } from './actions/sign-jwt.js';
import { verifyHmac } from './actions/verify-hmac.js';
import { verifyJwt } from './actions/verify-jwt.js';
import { auth } from './auth.js';

export default defineConnector({
  name: 'crypto',
  title: 'Crypto',
  description:
    'Hash data, sign and verify HMAC signatures (webhooks), sign, verify and decode JWTs, generate UUIDs and random tokens, and encrypt or decrypt with AES-256-GCM, with the keys kept in the connection.',
  categories: ['security', 'developer-tools'],
  auth,
  actions: [
    hashData,
    signHmac,
    verifyHmac,
    signJwt,
    verifyJwt,
    decodeJwtAction,
    generateUuid,
    generateBytes,
    encryptData,
    decryptData,
  ],
  // Everything happens inside the sandbox with node:crypto: no network at all.
  network: { allow: [] },
});
