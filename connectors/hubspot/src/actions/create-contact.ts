import { createRecordAction } from '../crm-actions.js';
import { CONTACT } from '../texts.js';

export const createContact = createRecordAction(CONTACT);
