import { type Static, Type } from '@mova/sdk';

/** The CRM objects this connector's actions work on, as HubSpot's v3 object API names them. */
export type CrmObject = 'contacts' | 'companies' | 'deals';

export const crmRecord = Type.Object({
  id: Type.String({ description: 'HubSpot record ID (hs_object_id).' }),
  properties: Type.Record(Type.String(), Type.Union([Type.String(), Type.Null()]), {
    description: 'Property values by internal name, as HubSpot returns them (strings; null when empty).',
  }),
  createdAt: Type.String({ description: 'When the record was created (ISO 8601).' }),
  updatedAt: Type.String({ description: 'When the record was last modified (ISO 8601).' }),
  archived: Type.Boolean({ description: 'Whether the record is in the recycle bin.' }),
});
export type CrmRecord = Static<typeof crmRecord>;

export const propertyValues = Type.Record(
  Type.String({ pattern: '^[a-z0-9_]+$' }),
  Type.Union([Type.String(), Type.Number(), Type.Boolean()]),
  {
    description:
      'Property values by internal name (e.g. email, firstname, dealname, amount); numbers and booleans are sent as HubSpot’s strings.',
    minProperties: 1,
  },
);

export const propertyNames = Type.Array(Type.String({ minLength: 1 }), {
  description: 'Properties to return; HubSpot returns a default set (e.g. firstname, lastname, email) without it.',
});

/** The SDK's object (dates as Date, the property map loosely typed) as the actions' output. */
export function toRecord(object: {
  id: string;
  properties: Record<string, string | null>;
  createdAt: Date;
  updatedAt: Date;
  archived?: boolean;
}): CrmRecord {
  return {
    id: object.id,
    properties: { ...object.properties },
    createdAt: object.createdAt.toISOString(),
    updatedAt: object.updatedAt.toISOString(),
    archived: object.archived ?? false,
  };
}

/** HubSpot takes every property value as a string. */
export function asPropertyStrings(values: Static<typeof propertyValues>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).map(([name, value]) => [name, String(value)]));
}
