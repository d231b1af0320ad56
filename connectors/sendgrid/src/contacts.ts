import { type Static, Type } from '@mova/sdk';

/** A contact as the step gives it; SendGrid's snake_case names are mapped in and out here. */
export const contactInput = Type.Object({
  email: Type.String({ format: 'email', description: 'Email address, which identifies the contact' }),
  firstName: Type.Optional(Type.String({ maxLength: 50, description: 'First name' })),
  lastName: Type.Optional(Type.String({ maxLength: 50, description: 'Last name' })),
  phoneNumber: Type.Optional(Type.String({ description: 'Phone number' })),
  addressLine1: Type.Optional(Type.String({ description: 'Address, first line' })),
  addressLine2: Type.Optional(Type.String({ description: 'Address, second line' })),
  city: Type.Optional(Type.String({ description: 'City' })),
  stateProvinceRegion: Type.Optional(Type.String({ description: 'State, province or region' })),
  postalCode: Type.Optional(Type.String({ description: 'Postal code' })),
  country: Type.Optional(Type.String({ description: 'Country' })),
  alternateEmails: Type.Optional(
    Type.Array(Type.String({ format: 'email' }), {
      maxItems: 5,
      description: 'Other addresses of the contact (up to 5)',
    }),
  ),
  customFields: Type.Optional(
    Type.Record(Type.String({ minLength: 1 }), Type.Union([Type.String(), Type.Number()]), {
      description: 'Custom field values by field ID, e.g. {"e1_T": "gold"} (IDs from Marketing > Custom Fields)',
    }),
  ),
});
export type ContactInput = Static<typeof contactInput>;

const FIELDS: [keyof ContactInput, string][] = [
  ['email', 'email'],
  ['firstName', 'first_name'],
  ['lastName', 'last_name'],
  ['phoneNumber', 'phone_number'],
  ['addressLine1', 'address_line_1'],
  ['addressLine2', 'address_line_2'],
  ['city', 'city'],
  ['stateProvinceRegion', 'state_province_region'],
  ['postalCode', 'postal_code'],
  ['country', 'country'],
  ['alternateEmails', 'alternate_emails'],
  ['customFields', 'custom_fields'],
];

/** The contact as PUT /v3/marketing/contacts takes it. */
export function contactBody(contact: ContactInput): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const [ours, theirs] of FIELDS) if (contact[ours] !== undefined) body[theirs] = contact[ours];
  return body;
}

const text = (description: string) => Type.Union([Type.String(), Type.Null()], { description });

export const contactOutput = Type.Object({
  id: Type.String({ description: 'Contact ID (a UUID)' }),
  email: Type.String({ description: 'Email address' }),
  firstName: text('First name'),
  lastName: text('Last name'),
  phoneNumber: text('Phone number'),
  city: text('City'),
  country: text('Country'),
  postalCode: text('Postal code'),
  alternateEmails: Type.Array(Type.String(), { description: 'Other addresses' }),
  listIds: Type.Array(Type.String(), { description: 'IDs of the lists it is on' }),
  customFields: Type.Record(Type.String(), Type.Unknown(), { description: 'Custom field values by field name' }),
  createdAt: text('When it was created (ISO 8601)'),
  updatedAt: text('When it last changed (ISO 8601)'),
});
export type ContactOutput = Static<typeof contactOutput>;

/** A contact from a search answer. */
export function contactOf(raw: Record<string, unknown>): ContactOutput {
  const string = (key: string) => (typeof raw[key] === 'string' ? (raw[key] as string) : null);
  const strings = (key: string) => (Array.isArray(raw[key]) ? (raw[key] as unknown[]).map(String) : []);
  const custom = raw.custom_fields;
  return {
    id: string('id') ?? '',
    email: string('email') ?? '',
    firstName: string('first_name'),
    lastName: string('last_name'),
    phoneNumber: string('phone_number'),
    city: string('city'),
    country: string('country'),
    postalCode: string('postal_code'),
    alternateEmails: strings('alternate_emails'),
    listIds: strings('list_ids'),
    customFields: typeof custom === 'object' && custom !== null ? { ...(custom as Record<string, unknown>) } : {},
    createdAt: string('created_at'),
    updatedAt: string('updated_at'),
  };
}

export const jobIdOutput = Type.Object({
  jobId: Type.String({ description: 'ID of the asynchronous job; contacts.getImportStatus tells when it is done' }),
});
