import { Type } from '@mova/sdk';

/** An sObject API name: standard (Account) or custom (Invoice__c, ns__Invoice__c). */
export const objectName = (description: string) =>
  Type.String({ pattern: '^[A-Za-z][A-Za-z0-9_]*$', maxLength: 255, description });

/** A Salesforce record ID, 15 (case-sensitive) or 18 characters. */
export const recordId = (description: string) =>
  Type.String({ pattern: '^[A-Za-z0-9]{15}([A-Za-z0-9]{3})?$', description });

/** Field values by API name, as the REST API takes and returns them. */
export const recordFields = (description: string) =>
  Type.Record(Type.String({ pattern: '^[A-Za-z][A-Za-z0-9_]*$' }), Type.Unknown(), { minProperties: 1, description });
