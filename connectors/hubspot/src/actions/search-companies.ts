import { FilterOperatorEnum } from '@hubspot/api-client/lib/codegen/crm/objects/index.js';
import { searchRecordsAction } from '../crm-actions.js';
import { COMPANY } from '../texts.js';

export const searchCompanies = searchRecordsAction(COMPANY, [
  { filters: [{ propertyName: 'domain', operator: FilterOperatorEnum.Eq, value: 'example.com' }] },
]);
