import { defineConnector } from '@mova/sdk';
import { buildXmlAction } from './actions/build-xml.js';
import { parseXmlAction } from './actions/parse-xml.js';
import { selectNodesAction } from './actions/select-nodes.js';
import { validateXmlAction } from './actions/validate-xml.js';
import { auth } from './auth.js';

export default defineConnector({
  name: 'xml',
  title: 'XML',
  description:
    'Parse XML to JSON (attributes, text, arrays for repeated elements), build XML from JSON, select values by a simple XPath-like path and check that XML is well-formed.',
  categories: ['data-transformation', 'developer-tools'],
  auth,
  actions: [parseXmlAction, buildXmlAction, selectNodesAction, validateXmlAction],
  // Everything happens on the step's own data inside the sandbox: no network at all.
  network: { allow: [] },
});
