import {
  AnonymousCredential,
  type BlobClient,
  BlobSASPermissions,
  type BlobServiceClient,
  generateBlobSASQueryParameters,
  SASProtocol,
  StorageSharedKeyCredential,
} from '@azure/storage-blob';
import { ConnectorError } from '@mova/sdk';
import { publicUrl } from './client.js';

type SasPermission = 'read' | 'write' | 'delete';

/**
 * The SAS version we sign with. Pinned to a documented string-to-sign layout rather than the
 * SDK's newest default, so an SDK upgrade cannot silently change what we sign; raise it
 * deliberately together with the signature tests.
 */
const SAS_VERSION = '2025-07-05';

const CLOCK_SKEW_MS = 5 * 60 * 1000;

interface SignedUrl {
  url: string;
  permissions: string;
  signedWith: 'accountKey' | 'userDelegationKey';
}

/**
 * Signs a SAS URL for one blob: with the account key when the connection has one (service SAS),
 * else with a user delegation key fetched with the Entra ID credential. The link is HTTPS-only
 * unless the account's endpoint itself is plain HTTP (an emulator such as Azurite), where an
 * HTTPS-only link could never be used.
 */
export async function signBlobUrl(
  service: BlobServiceClient,
  blob: BlobClient,
  grant: { permissions: SasPermission[]; expiresOn: Date; signal: AbortSignal; actionKey: string },
): Promise<SignedUrl> {
  const permissions = BlobSASPermissions.from({
    read: grant.permissions.includes('read'),
    write: grant.permissions.includes('write'),
    delete: grant.permissions.includes('delete'),
  });
  const base = publicUrl(blob.url);
  const values = {
    containerName: blob.containerName,
    blobName: blob.name,
    permissions,
    expiresOn: grant.expiresOn,
    protocol: base.startsWith('http:') ? SASProtocol.HttpsAndHttp : SASProtocol.Https,
    version: SAS_VERSION,
  };
  if (service.credential instanceof StorageSharedKeyCredential) {
    const query = generateBlobSASQueryParameters(values, service.credential);
    return { url: `${base}?${query.toString()}`, permissions: permissions.toString(), signedWith: 'accountKey' };
  }
  if (service.credential instanceof AnonymousCredential) {
    throw new ConnectorError(
      'This connection holds a SAS token, which cannot sign new SAS URLs',
      { kind: 'invalid_input', actionKey: grant.actionKey },
      'Use a connection string with an AccountKey, or the "clientSecret" method (Entra ID), for blobs.sasUrl.',
    );
  }
  // The key starts a little in the past so a clock slightly ahead of Azure's does not make the
  // fresh URL fail; it ends with the SAS (Azure caps a key at seven days).
  const keyStart = new Date(Date.now() - CLOCK_SKEW_MS);
  const key = await service.getUserDelegationKey(keyStart, grant.expiresOn, { abortSignal: grant.signal });
  const query = generateBlobSASQueryParameters(values, key, service.accountName);
  return { url: `${base}?${query.toString()}`, permissions: permissions.toString(), signedWith: 'userDelegationKey' };
}
