import type { DeletedSecret } from '@azure/keyvault-secrets';
import { Type } from '@mova/sdk';

export const deletedSchema = Type.Object({
  name: Type.String({ description: 'Secret name' }),
  recoveryId: Type.Optional(Type.String({ description: 'Identifier to recover or purge it by' })),
  deletedOn: Type.Optional(Type.String({ format: 'date-time', description: 'When it was deleted' })),
  scheduledPurgeDate: Type.Optional(
    Type.String({ format: 'date-time', description: 'When Key Vault purges it for good' }),
  ),
});

export function deletedOf(secret: DeletedSecret) {
  return {
    name: secret.name,
    ...(secret.properties.recoveryId ? { recoveryId: secret.properties.recoveryId } : {}),
    ...(secret.properties.deletedOn ? { deletedOn: secret.properties.deletedOn.toISOString() } : {}),
    ...(secret.properties.scheduledPurgeDate
      ? { scheduledPurgeDate: secret.properties.scheduledPurgeDate.toISOString() }
      : {}),
  };
}
