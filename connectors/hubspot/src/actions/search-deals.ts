import { FilterOperatorEnum } from '@hubspot/api-client/lib/codegen/crm/objects/index.js';
import { searchRecordsAction } from '../crm-actions.js';
import { DEAL } from '../texts.js';

export const searchDeals = searchRecordsAction(DEAL, [
  {
    filters: [
      { propertyName: 'amount', operator: FilterOperatorEnum.Gte, value: '10000' },
      { propertyName: 'dealstage', operator: FilterOperatorEnum.Neq, value: 'closedlost' },
    ],
  },
]);
