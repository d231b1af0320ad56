import fs from 'node:fs';
import wasm from 'node-sqlite3-wasm/dist/node-sqlite3-wasm.wasm';

export type Sqlite = typeof import('node-sqlite3-wasm');

const WASM_FILE = 'node-sqlite3-wasm.wasm';
let loaded: Promise<Sqlite> | undefined;

/**
 * node-sqlite3-wasm, its WebAssembly taken from the bundle. The library compiles its .wasm while it
 * loads, reading it with `fs.readFileSync` from beside its script, a file a single-file bundle does
 * not have, and takes no other way in (its `Module` object is private). So for that one load,
 * reads of that one file name are answered with the bytes the bundler inlined; every other read
 * goes through unchanged, and the original function is back before anything else runs.
 */
export function sqlite(): Promise<Sqlite> {
  loaded ??= (async () => {
    const readFileSync = fs.readFileSync;
    const inlined = ((path: fs.PathOrFileDescriptor, options?: unknown) =>
      typeof path === 'string' && path.endsWith(`/${WASM_FILE}`)
        ? Buffer.from(wasm)
        : Reflect.apply(readFileSync, fs, [path, options])) as typeof fs.readFileSync;
    fs.readFileSync = inlined;
    try {
      return await import('node-sqlite3-wasm');
    } finally {
      fs.readFileSync = readFileSync;
    }
  })();
  return loaded;
}
