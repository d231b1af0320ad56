import { getRecordAction } from '../crm-actions.js';
import { DEAL } from '../texts.js';

export const getDeal = getRecordAction(DEAL);
