import { Auth } from '@mova/sdk';

/** Date arithmetic happens inside the sandbox on the step's own data: there is nothing to connect to. */
export const auth = Auth.none();
