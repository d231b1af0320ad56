import { MovaError } from '@mova/sdk';

export type RegistryErrorCode =
  | 'E_REGISTRY_LISTEN'
  | 'E_REGISTRY_OPTIONS'
  | 'E_REGISTRY_PLUGIN'
  | 'E_REGISTRY_STORAGE'
  | 'E_REGISTRY_STORAGE_BUSY';

/** The registry could not start as asked; `hint` says what to change. */
export class RegistryError extends MovaError {
  constructor(code: RegistryErrorCode, message: string, hint?: string, options?: ErrorOptions) {
    super(code, message, hint, options);
  }
}
