// The expression worker: evaluates JSONata expressions the runtime cannot bound on its own thread
// (see src/expressions/bounded.ts). The host kills it at its time limit and Node at its heap limit,
// so here it only has to answer: the result as JSON text, refused past the size it may have.
import { parentPort, workerData } from 'node:worker_threads';
import jsonata from 'jsonata';

const { options, maxResultBytes } = workerData;
const compiled = new Map();

class TooLarge extends Error {}
class FunctionResult extends Error {}

/** JSON text of a result, stopping as soon as it is known to be larger than allowed. */
function toJsonText(value) {
  let size = 0;
  const text = JSON.stringify(value, (_key, item) => {
    if (typeof item === 'function') throw new FunctionResult();
    size += typeof item === 'string' ? item.length + 2 : 8;
    if (size > maxResultBytes) throw new TooLarge();
    return item;
  });
  if (text !== undefined && text.length > maxResultBytes) throw new TooLarge();
  return text;
}

parentPort.on('message', async ({ id, source, scope }) => {
  try {
    let expression = compiled.get(source);
    if (!expression) {
      expression = jsonata(source, options);
      compiled.set(source, expression);
    }
    const result = await expression.evaluate(scope, scope);
    parentPort.postMessage({ id, ok: true, text: toJsonText(result) });
  } catch (error) {
    if (error instanceof TooLarge) parentPort.postMessage({ id, ok: false, reason: 'too-large' });
    else if (error instanceof FunctionResult) parentPort.postMessage({ id, ok: false, reason: 'function' });
    else {
      const { code, message, position } = error ?? {};
      parentPort.postMessage({
        id,
        ok: false,
        error: {
          code: typeof code === 'string' ? code : undefined,
          message: typeof message === 'string' ? message : String(error),
          position: typeof position === 'number' ? position : undefined,
        },
      });
    }
  }
});
