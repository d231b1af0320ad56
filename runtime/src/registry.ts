/**
 * `@mova/runtime/registry`: the one npm registry client and package document type, for tools (the
 * CLI's install, publish, info and deprecate) that talk to a registry themselves. Running workflows
 * needs none of it directly: `RegistrySource` and `LockedResolver` use it.
 */
export {
  defaultRange,
  isDistTag,
  type Packument,
  type PackumentVersion,
  parsePackument,
  pickVersion,
  sha512Of,
  sortedVersions,
} from './sources/packument.js';
export {
  encodePackageName,
  normalizeRegistryUrl,
  type RegistryAnswer,
  RegistryClient,
  RegistryError,
  type RegistryOptions,
  type RegistryRequest,
} from './sources/registry-client.js';
