import { createRecordAction } from '../crm-actions.js';
import { COMPANY } from '../texts.js';

export const createCompany = createRecordAction(COMPANY);
