import { defineConnector } from '@mova/sdk';
import { createAssociation } from './actions/create-association.js';
import { createCompany } from './actions/create-company.js';
import { createContact } from './actions/create-contact.js';
import { createDeal } from './actions/create-deal.js';
import { getCompany } from './actions/get-company.js';
import { getContact } from './actions/get-contact.js';
import { getDeal } from './actions/get-deal.js';
import { searchCompanies } from './actions/search-companies.js';
import { searchContacts } from './actions/search-contacts.js';
import { searchDeals } from './actions/search-deals.js';
import { updateCompany } from './actions/update-company.js';
import { updateContact } from './actions/update-contact.js';
import { updateDeal } from './actions/update-deal.js';
import { auth } from './auth.js';
import { contactChanged } from './triggers/contact-changed.js';

export default defineConnector({
  name: 'hubspot',
  title: 'HubSpot',
  description:
    'Create, update, look up and search HubSpot contacts, companies and deals, associate them, and react to contact changes.',
  categories: ['crm', 'sales', 'marketing'],
  auth,
  actions: [
    createContact,
    getContact,
    updateContact,
    searchContacts,
    createCompany,
    getCompany,
    updateCompany,
    searchCompanies,
    createDeal,
    getDeal,
    updateDeal,
    searchDeals,
    createAssociation,
  ],
  triggers: [contactChanged],
  // api-eu1.hubapi.com serves accounts in HubSpot's EU data center; another API root (a proxy) is
  // reached through the connection's apiUrl.
  network: { allow: ['api.hubapi.com', 'api-eu1.hubapi.com'], connectionHosts: ['apiUrl'] },
});
