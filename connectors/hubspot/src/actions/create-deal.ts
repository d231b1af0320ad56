import { createRecordAction } from '../crm-actions.js';
import { DEAL } from '../texts.js';

export const createDeal = createRecordAction(DEAL);
