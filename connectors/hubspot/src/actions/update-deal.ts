import { updateRecordAction } from '../crm-actions.js';
import { DEAL } from '../texts.js';

export const updateDeal = updateRecordAction(DEAL);
