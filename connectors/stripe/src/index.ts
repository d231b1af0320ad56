import { defineConnector } from '@mova/sdk';
import { cancelSubscription } from './actions/cancel-subscription.js';
import { confirmPaymentIntent } from './actions/confirm-payment-intent.js';
import { createCustomer } from './actions/create-customer.js';
import { createInvoice } from './actions/create-invoice.js';
import { createPaymentIntent } from './actions/create-payment-intent.js';
import { createRefund } from './actions/create-refund.js';
import { createSubscription } from './actions/create-subscription.js';
import { finalizeInvoice } from './actions/finalize-invoice.js';
import { getCustomer } from './actions/get-customer.js';
import { getInvoice } from './actions/get-invoice.js';
import { getPaymentIntent } from './actions/get-payment-intent.js';
import { getSubscription } from './actions/get-subscription.js';
import { listCustomers } from './actions/list-customers.js';
import { listInvoices } from './actions/list-invoices.js';
import { listPaymentIntents } from './actions/list-payment-intents.js';
import { listSubscriptions } from './actions/list-subscriptions.js';
import { auth } from './auth.js';
import { newEvents } from './triggers/new-events.js';

export default defineConnector({
  name: 'stripe',
  title: 'Stripe',
  description:
    'Create and find customers, collect payments with payment intents, invoice, manage subscriptions and refund payments in Stripe, and start workflows on Stripe events.',
  categories: ['payments', 'finance'],
  auth,
  actions: [
    createCustomer,
    getCustomer,
    listCustomers,
    createPaymentIntent,
    getPaymentIntent,
    confirmPaymentIntent,
    listPaymentIntents,
    createInvoice,
    getInvoice,
    listInvoices,
    finalizeInvoice,
    createSubscription,
    getSubscription,
    listSubscriptions,
    cancelSubscription,
    createRefund,
  ],
  triggers: [newEvents],
  // api.stripe.com unless the connection's apiUrl names a proxy or gateway in front of it.
  network: { allow: ['api.stripe.com'], connectionHosts: ['apiUrl'] },
});
