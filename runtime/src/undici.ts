import type { Dispatcher } from 'undici';

export interface Undici {
  module: typeof import('undici');
  /** This process's connection pool for the runtime's own requests (registry, `http_fetch`). */
  agent: Dispatcher;
}

let loaded: Promise<Undici> | undefined;

/**
 * undici, loaded on first use: most runs never make a request of their own, and undici is a
 * hundred-odd files. The runtime sends through its own Agent, not the global dispatcher: when
 * Node's built-in fetch runs first it installs its bundled undici's Agent there, which this
 * undici's `request` cannot drive ("invalid onError method").
 */
export function loadUndici(): Promise<Undici> {
  loaded ??= import('undici').then((module) => ({ module, agent: new module.Agent() }));
  return loaded;
}
