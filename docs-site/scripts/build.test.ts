import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docsRoot, repoRoot } from './paths.js';
import { readWorkflowSource } from './workflow-source.js';

const guard = pathToFileURL(join(docsRoot, 'scripts', 'offline-guard.mjs')).href;
const MARK = 'MOVA-DOCS-OFFLINE-VIOLATION';

/** A page's text without tags and entities, as a reader sees it (code blocks are split into spans). */
function textOf(html: string): string {
  return html
    .replace(/<[^>]+>/g, '')
    .replaceAll('&quot;', '"')
    .replaceAll('&#123;', '{')
    .replaceAll('&#125;', '}')
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&');
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  return new Promise<{ code: number | null; output: string }>((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: docsRoot,
      env: { ...process.env, NODE_OPTIONS: `--import=${guard}`, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => {
      output += d;
    });
    child.stderr.on('data', (d) => {
      output += d;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

describe('the offline guard', () => {
  it('refuses a connection, a fetch and a DNS lookup (loopback refused too in strict mode)', async () => {
    const script =
      "fetch('http://127.0.0.1:59999/').catch(() => {}); require('node:dns').promises.lookup('localhost').catch(() => {});";
    const { output } = await run(process.execPath, ['-e', script], { MOVA_DOCS_GUARD_STRICT: '1' });
    expect(output).toContain(`${MARK} connect 127.0.0.1:59999`);
    expect(output).toContain(`${MARK} dns localhost`);
  });
});

describe('pnpm docs:build', () => {
  let out: string;
  let build: { code: number | null; output: string };

  beforeAll(async () => {
    out = await mkdtemp(join(tmpdir(), 'mova-docs-site-'));
    // The package's own build script, with no network: generate, then vitepress build into `out`.
    build = await run('npm', ['run', 'build', '--silent', '--', '--outDir', out]);
  }, 180_000);
  afterAll(async () => {
    await rm(out, { recursive: true, force: true });
  });

  it('builds without touching the network', () => {
    expect(build.output).not.toContain(MARK);
    expect(build.code, build.output).toBe(0);
  });

  it('has a page per connector, each with its install command', async () => {
    const connectors = (await readdir(join(repoRoot, 'connectors'))).filter((name) =>
      existsSync(join(repoRoot, 'connectors', name, 'mova.manifest.json')),
    );
    expect(connectors.length).toBeGreaterThan(0);
    for (const name of connectors) {
      const page = textOf(await readFile(join(out, 'connectors', `${name}.html`), 'utf8'));
      expect(page.includes(`mova-connector install ${name}@^`), `${name}.html shows its install command`).toBe(true);
    }
    expect(existsSync(join(out, 'connectors', 'index.html'))).toBe(true);
  });

  it('has the guide, the SDK concepts and API, the workflow language and schema, and the CLI pages', async () => {
    const { schema } = await readWorkflowSource();
    const definitions = Object.keys(schema.$defs as object).map((d) => d.replace(/([a-z0-9])([A-Z])/g, '$1-$2'));
    const pages = [
      'index.html',
      'guide/getting-started.html',
      'sdk/concepts.html',
      'sdk/api/index.html',
      'sdk/api/functions/defineConnector.html',
      'workflow/index.html',
      'workflow/schema/index.html',
      ...definitions.map((d) => `workflow/schema/${d.toLowerCase()}.html`),
      'cli/index.html',
      'cli/init.html',
      'cli/build.html',
    ];
    expect(pages.filter((page) => !existsSync(join(out, page)))).toEqual([]);
    const workflow = textOf(await readFile(join(out, 'workflow', 'index.html'), 'utf8'));
    expect(workflow.includes('"{{ inputs.count }}" is a number'), 'expressions stay literal').toBe(true);
  });

  it('loads nothing from another host and searches with a local index', async () => {
    const files = (await readdir(out, { recursive: true })).map(String);
    const remote: string[] = [];
    for (const file of files.filter((f) => f.endsWith('.html'))) {
      const html = await readFile(join(out, file), 'utf8');
      for (const m of html.matchAll(
        /<(?:script|img|iframe)[^>]*\ssrc="(https?:)?\/\/[^"]*"|<link[^>]*\shref="(https?:)?\/\/[^"]*"/g,
      )) {
        remote.push(`${file}: ${m[0]}`);
      }
    }
    expect(remote).toEqual([]);
    expect(files.some((f) => /localSearchIndex/.test(f))).toBe(true);
  });
});
