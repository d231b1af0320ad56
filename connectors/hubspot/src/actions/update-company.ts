import { updateRecordAction } from '../crm-actions.js';
import { COMPANY } from '../texts.js';

export const updateCompany = updateRecordAction(COMPANY);
