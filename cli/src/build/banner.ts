/**
 * What a connector bundle starts with: the CommonJS names its bundled dependencies may use at
 * load time, which an ES module does not have. `require` loads Node's built-ins and any optional
 * peer left out of the bundle; `__filename` and `__dirname` name the bundle itself (ssh2 reads
 * `__dirname` at load time to locate a Windows helper it never runs elsewhere). The two are given
 * under names of their own and mapped by `BUNDLE_DEFINE`, which replaces only free uses: an ES
 * module that declares its own `const __dirname` (many do) keeps it and does not clash.
 */
export const BUNDLE_BANNER = [
  "import { createRequire as __movaCreateRequire } from 'node:module';",
  "import { fileURLToPath as __movaFileURLToPath } from 'node:url';",
  "import { dirname as __movaDirname } from 'node:path';",
  'const require = __movaCreateRequire(import.meta.url);',
  'const __movaFilename = __movaFileURLToPath(import.meta.url);',
  'const __movaDirnameValue = __movaDirname(__movaFilename);',
].join(' ');

/** esbuild `define`: free `__filename` / `__dirname` in bundled code read the banner's values. */
export const BUNDLE_DEFINE = { __filename: '__movaFilename', __dirname: '__movaDirnameValue' };
