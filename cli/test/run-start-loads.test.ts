import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, node } from './cli.js';

// Issue 21: `run` of a workflow that needs no connector, no expression and no schema must not load
// the packages only such workflows need. The child records every module it loads: ESM imports
// through a resolve hook (with the importer), CommonJS ones from require.cache at exit.
const ONE = { mova: '1.0', name: 'one', steps: [{ id: 'greet', set: { hello: 'world' } }] };

const NOT_LOADED: Record<string, RegExp> = {
  TypeBox: /\/@sinclair\/typebox\//,
  // The generated workflow validator needs two of ajv's runtime helpers, nothing else of ajv.
  'ajv (beyond its runtime helpers)': /\/ajv\/dist\/(?!runtime\/)/,
  'ajv-formats': /\/ajv-formats\//,
  jsonata: /\/jsonata\//,
  croner: /\/croner\//,
  'safe-regex2': /\/safe-regex2\//,
  'npm-pick-manifest': /\/npm-pick-manifest\//,
  'proper-lockfile': /\/proper-lockfile\//,
  tar: /\/tar\/dist\//,
  undici: /\/undici\//,
  // oclif's own Node check would load all of it; cli/bin/run.js turns that check off.
  semver: /\/semver\/(?!package\.json$)/,
  // Process and OS sandboxes load at the first connector that needs one; a run with none never does.
  'the process or OS sandbox':
    /\/runtime\/(?:dist\/sandbox\/(?:process-sandbox|os-sandbox|egress-proxy|memory-watch)\.js|sandbox-entry\/rules\.mjs)$/,
  // The lockfile parser, the registry's package documents and the tarball reader load at a
  // lockfile's first read or a registry's first download; `@mova/runtime/lockfile` is for tools.
  'the lockfile, package document or tarball modules':
    /\/runtime\/dist\/(?:lockfile|sources\/(?:lockfile|packument|tarball|tarball-install|untar))\.js$/,
  'metrics, queue, PostgreSQL or SQLite':
    /\/runtime\/dist\/(?:metrics|queue)\/|\/runtime\/dist\/store\/(?:pg|sqlite)-|\/node_modules\/(?:pg|bullmq|ioredis)\//,
};

const HOOKS = `import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  appendFileSync(process.env.MOVA_TEST_ESM_LOG, \`\${context.parentURL ?? ''} \${resolved.url}\\n\`);
  return resolved;
}
`;
const REGISTER = `import { register } from 'node:module';
register(new URL('./hooks.mjs', import.meta.url));
`;
const CJS = `process.on('exit', () => {
  require('node:fs').writeFileSync(process.env.MOVA_TEST_CJS_LOG, Object.keys(require.cache).join('\\n'));
});
`;

describe('mova-connector run of a one-step set workflow', () => {
  let dir: string;
  let esm: { parent: string; url: string }[];
  let cjs: string[];
  let exitCode: number | null;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mova-run-loads-'));
    await writeFile(join(dir, 'one.json'), JSON.stringify(ONE));
    await writeFile(join(dir, 'hooks.mjs'), HOOKS);
    await writeFile(join(dir, 'register.mjs'), REGISTER);
    await writeFile(join(dir, 'cjs.cjs'), CJS);
    const result = await node(
      ['--require', join(dir, 'cjs.cjs'), '--import', join(dir, 'register.mjs'), BIN, 'run', 'one.json'],
      dir,
      {
        MOVA_TEST_ESM_LOG: join(dir, 'esm.log'),
        MOVA_TEST_CJS_LOG: join(dir, 'cjs.log'),
        MOVA_DATA_DIR: join(dir, 'data'),
      },
    );
    exitCode = result.code;
    esm = (await readFile(join(dir, 'esm.log'), 'utf8'))
      .trim()
      .split('\n')
      .map((line) => {
        const [parent = '', url = ''] = line.split(' ');
        return { parent, url };
      });
    cjs = (await readFile(join(dir, 'cjs.log'), 'utf8')).split('\n');
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('completes, with the run loaded as usual (the recording sees the runtime and oclif)', () => {
    expect(exitCode).toBe(0);
    expect(esm.some(({ url }) => url.endsWith('/runtime/dist/runtime.js'))).toBe(true);
    expect(cjs.some((path) => path.includes('/@oclif/core/'))).toBe(true);
  });

  it('loads none of the packages only connectors, expressions, schemas or the registry need', () => {
    const loaded = [...esm.map(({ url }) => url), ...cjs];
    const found = Object.entries(NOT_LOADED)
      .filter(([, pattern]) => loaded.some((path) => pattern.test(path)))
      .map(([name]) => name);
    expect(found).toEqual([]);
  });

  it('imports the SDK through its host entry only, never its root', () => {
    expect(esm.filter(({ url }) => url.endsWith('/sdk/dist/index.js'))).toEqual([]);
  });
});
