import { FilterOperatorEnum } from '@hubspot/api-client/lib/codegen/crm/objects/index.js';
import { searchRecordsAction } from '../crm-actions.js';
import { CONTACT } from '../texts.js';

export const searchContacts = searchRecordsAction(CONTACT, [
  { filters: [{ propertyName: 'email', operator: FilterOperatorEnum.ContainsToken, value: '*@example.com' }] },
]);
