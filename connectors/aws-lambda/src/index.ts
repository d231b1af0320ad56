import { defineConnector } from '@mova/sdk';
import { AWS_CONNECTION_HOSTS, AWS_HOSTS } from '@mova/sdk/aws';
import { getFunction } from './actions/get-function.js';
import { invokeFunction } from './actions/invoke-function.js';
import { listFunctions } from './actions/list-functions.js';
import { auth } from './auth.js';

export default defineConnector({
  name: 'aws-lambda',
  title: 'AWS Lambda',
  description:
    'Invoke AWS Lambda functions with a JSON event, waiting for the result (with the log tail) or asynchronously, list functions and read their configuration.',
  categories: ['developer-tools', 'cloud'],
  auth,
  actions: [listFunctions, getFunction, invokeFunction],
  // AWS's endpoints (lambda.<region>.amazonaws.com, STS); a custom endpoint (LocalStack, a VPC
  // endpoint) and a custom STS endpoint are the hosts the connection names.
  network: { allow: [...AWS_HOSTS], connectionHosts: [...AWS_CONNECTION_HOSTS] },
});
