import { getRecordAction } from '../crm-actions.js';
import { CONTACT } from '../texts.js';

export const getContact = getRecordAction(CONTACT);
