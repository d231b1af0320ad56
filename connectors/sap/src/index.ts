import { defineConnector } from '@mova/sdk';
import { callFunction } from './actions/call-function.js';
import { createEntity } from './actions/create-entity.js';
import { deleteEntity } from './actions/delete-entity.js';
import { getEntity } from './actions/get-entity.js';
import { queryEntities } from './actions/query-entities.js';
import { updateEntity } from './actions/update-entity.js';
import { auth } from './auth.js';

export default defineConnector({
  name: 'sap',
  title: 'SAP (OData)',
  description:
    'Query, read, create, update (with ETags) and delete entities of SAP OData V2 and V4 services (S/4HANA, SAP Gateway, SAP BTP) and call their functions and actions, with CSRF tokens, basic auth and OAuth 2.0 client credentials.',
  categories: ['erp', 'enterprise'],
  auth,
  actions: [queryEntities, getEntity, createEntity, updateEntity, deleteEntity, callFunction],
  // Every SAP system is the customer's own host: the service and the token endpoint are what the connection names.
  network: { allow: [], connectionHosts: ['serviceUrl', 'tokenUrl'] },
});
