import { Auth } from '@mova/sdk';

/** XML work happens inside the sandbox on the step's own data: there is nothing to connect to. */
export const auth = Auth.none();
