import { defineConnector } from '@mova/sdk';
import { deleteKeys } from './actions/delete-keys.js';
import { expireKey } from './actions/expire-key.js';
import { getHash } from './actions/get-hash.js';
import { getHashField } from './actions/get-hash-field.js';
import { getValue } from './actions/get-value.js';
import { incrementValue } from './actions/increment-value.js';
import { popList } from './actions/pop-list.js';
import { publishMessage } from './actions/publish-message.js';
import { pushList } from './actions/push-list.js';
import { setHashFields } from './actions/set-hash-fields.js';
import { setValue } from './actions/set-value.js';
import { auth } from './auth.js';

export default defineConnector({
  name: 'redis',
  title: 'Redis',
  description:
    'Read and write Redis strings, counters, hashes and lists, set expiries and publish to pub/sub channels.',
  categories: ['database', 'messaging'],
  auth,
  actions: [
    getValue,
    setValue,
    deleteKeys,
    expireKey,
    incrementValue,
    getHashField,
    setHashFields,
    getHash,
    pushList,
    popList,
    publishMessage,
  ],
  network: { allow: [], connectionHosts: ['url', 'host'] },
});
