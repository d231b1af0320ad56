// Entry of an untrusted process sandbox: started under Node's permission model (file reads limited
// to the connector's folder, no child processes, workers or addons), talks over the IPC channel.
// A spare one (no config in its environment) waits for its bind first.
import { serve } from './serve.mjs';
import { awaitBind } from './spare.mjs';

const given = process.env.MOVA_SANDBOX_CONFIG;
// The connector sees an empty environment: no configuration, nor what bubblewrap sets (PWD).
for (const name of Object.keys(process.env)) delete process.env[name];
process.on('disconnect', () => process.exit(0));
const config = given
  ? JSON.parse(given)
  : await awaitBind(
      (message) => process.send?.(message),
      (handler) => process.once('message', handler),
    );
await serve(
  config,
  (message) => process.send?.(message),
  (handler) => process.on('message', handler),
);
