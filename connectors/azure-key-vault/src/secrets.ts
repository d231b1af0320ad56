import type { SecretProperties } from '@azure/keyvault-secrets';
import { Type } from '@mova/sdk';

export const nameField = Type.String({
  minLength: 1,
  maxLength: 127,
  pattern: '^[0-9A-Za-z-]+$',
  description: 'Secret name: letters, digits and hyphens, e.g. stripe-api-key',
});

const dateOf = (description: string) => Type.Optional(Type.String({ format: 'date-time', description }));

export const propertiesFields = {
  name: Type.String({ description: 'Secret name' }),
  version: Type.String({ description: 'Version id of this value' }),
  id: Type.String({ description: 'Full identifier: <vault>/secrets/<name>/<version>' }),
  enabled: Type.Boolean({ description: 'Whether the secret can be read' }),
  contentType: Type.Optional(
    Type.String({ description: 'Content type the writer set, e.g. text/plain or application/json' }),
  ),
  tags: Type.Record(Type.String(), Type.String(), { description: 'Tags on the secret' }),
  createdOn: dateOf('When this version was created'),
  updatedOn: dateOf('When it was last changed'),
  expiresOn: dateOf('When it expires'),
  notBefore: dateOf('Before when it is not valid'),
};

export const propertiesSchema = Type.Object(propertiesFields);

/** The properties actions report, from the SDK's SecretProperties. */
export function propertiesOf(properties: SecretProperties) {
  return {
    name: properties.name,
    version: properties.version ?? '',
    id: properties.id ?? '',
    enabled: properties.enabled ?? true,
    ...(properties.contentType ? { contentType: properties.contentType } : {}),
    tags: properties.tags ?? {},
    ...(properties.createdOn ? { createdOn: properties.createdOn.toISOString() } : {}),
    ...(properties.updatedOn ? { updatedOn: properties.updatedOn.toISOString() } : {}),
    ...(properties.expiresOn ? { expiresOn: properties.expiresOn.toISOString() } : {}),
    ...(properties.notBefore ? { notBefore: properties.notBefore.toISOString() } : {}),
  };
}
