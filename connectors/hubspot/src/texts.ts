import type { ObjectText } from './crm-actions.js';

export const CONTACT: ObjectText = {
  object: 'contacts',
  singular: 'contact',
  idPropertyNote: 'email, or a custom property marked unique',
  example: { email: 'ada@example.com', firstname: 'Ada', lastname: 'Lovelace', lifecyclestage: 'lead' },
  exampleId: '51',
};

export const COMPANY: ObjectText = {
  object: 'companies',
  singular: 'company',
  idPropertyNote: 'a custom property marked unique',
  example: { name: 'Analytical Engines Ltd', domain: 'example.com', industry: 'COMPUTER_SOFTWARE' },
  exampleId: '3104',
};

export const DEAL: ObjectText = {
  object: 'deals',
  singular: 'deal',
  idPropertyNote: 'a custom property marked unique',
  example: { dealname: 'Engine order', amount: '12000', pipeline: 'default', dealstage: 'appointmentscheduled' },
  exampleId: '7702',
};
