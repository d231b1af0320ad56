import { updateRecordAction } from '../crm-actions.js';
import { CONTACT } from '../texts.js';

export const updateContact = updateRecordAction(CONTACT);
