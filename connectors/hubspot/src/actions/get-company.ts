import { getRecordAction } from '../crm-actions.js';
import { COMPANY } from '../texts.js';

export const getCompany = getRecordAction(COMPANY);
