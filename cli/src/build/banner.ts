/**
 * What a connector bundle starts with: the CommonJS names its bundled dependencies may use at
 * load time, which an ES module does not have. `require` loads Node's built-ins and any optional
 * peer left out of the bundle; `__filename` and `__dirname` name the bundle itself (ssh2 reads
 * `__dirname` at load time to locate a Windows helper it never runs elsewhere).
 */
export const BUNDLE_BANNER = [
  "import { createRequire as __movaCreateRequire } from 'node:module';",
  "import { fileURLToPath as __movaFileURLToPath } from 'node:url';",
  "import { dirname as __movaDirname } from 'node:path';",
  'const require = __movaCreateRequire(import.meta.url);',
  'const __filename = __movaFileURLToPath(import.meta.url);',
  'const __dirname = __movaDirname(__filename);',
].join(' ');
