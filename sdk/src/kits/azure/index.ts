/**
 * `@mova/sdk/azure`: what the Azure connectors share. Storage RestErrors and Microsoft Entra ID
 * token failures read as VendorFailures, the connection fields of an app registration and a
 * connection string, the per-connection client cache, and the checks of a
 * storage connection (its connection string's endpoint against accountUrl, missing fields). It
 * adds no dependency: the connector brings @azure/* and hands in what the kit needs
 * (@azure/identity's error classes, a function that builds its client).
 */
export {
  azureClientCache,
  checkStorageEndpoint,
  fromConnectionString,
  incompleteConnection,
  publicStorageHosts,
  type StorageService,
} from './client.js';
export {
  type AzureIdentityErrors,
  type AzureRestErrorLike,
  entraIdFailure,
  isAzureRestError,
  storageFailure,
} from './errors.js';
export { entraIdFields, optionalEntraIdFields, storageConnectionStringField } from './fields.js';
