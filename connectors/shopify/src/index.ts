import { defineConnector } from '@mova/sdk';
import { adjustInventory } from './actions/adjust-inventory.js';
import { createCustomer } from './actions/create-customer.js';
import { createProduct } from './actions/create-product.js';
import { getOrder } from './actions/get-order.js';
import { listCustomers } from './actions/list-customers.js';
import { listOrders } from './actions/list-orders.js';
import { listProducts } from './actions/list-products.js';
import { updateProduct } from './actions/update-product.js';
import { auth } from './auth.js';
import { newOrder } from './triggers/new-order.js';

export default defineConnector({
  name: 'shopify',
  title: 'Shopify',
  description:
    'Read and list orders, create, update and list products, list and create customers, adjust inventory, and react to new orders in a Shopify shop.',
  categories: ['ecommerce', 'sales'],
  auth,
  actions: [
    getOrder,
    listOrders,
    createProduct,
    updateProduct,
    listProducts,
    listCustomers,
    createCustomer,
    adjustInventory,
  ],
  triggers: [newOrder],
  // Every shop's Admin API is on its own <shop>.myshopify.com host; a gateway or proxy comes through apiUrl.
  network: { allow: ['*.myshopify.com'], connectionHosts: ['apiUrl'] },
});
