import type { ManifestAuth } from '@mova/sdk';

/** One field of a connection, as `info` lists it. */
export interface AuthField {
  name: string;
  required: boolean;
  /** Marked `writeOnly`: a password, token or key, never shown back. */
  secret: boolean;
  description: string | null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The top-level fields of a connection schema, in the order the connector declares them. */
export function authFields(auth: ManifestAuth): AuthField[] {
  const properties = isRecord(auth.schema.properties) ? auth.schema.properties : {};
  const required = new Set(Array.isArray(auth.schema.required) ? auth.schema.required : []);
  return Object.entries(properties).map(([name, schema]) => {
    const field = isRecord(schema) ? schema : {};
    return {
      name,
      required: required.has(name),
      secret: field.writeOnly === true,
      description: typeof field.description === 'string' ? field.description : null,
    };
  });
}
