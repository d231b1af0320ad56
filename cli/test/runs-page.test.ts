import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildManifest, type Connector } from '@mova/sdk';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, node } from './cli.js';

// Debian's Chromium, driven by playwright-core (as the marketplace page's test does): Playwright's own
// browser download cannot reach its host from these machines.
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  // Without these Chromium phones home at start, which this machine's closed network refuses.
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
// Other test files share the two cores: allow for a busy machine.
const eventually = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 15_000, interval: 100 });
const RUNS_PAGE_BUILD = fileURLToPath(new URL('../../runtime/web/build.mjs', import.meta.url));

const NOTES_TOKEN = 'notes-secret-4c1e9b7a';

/** A connector whose `notes.add` hands its own token back (the run store redacts it) and whose `notes.fail` throws. */
const NOTES = `export default {
  kind: 'mova.connector',
  apiVersion: 1,
  name: 'notes',
  title: 'Notes',
  description: 'Keeps notes',
  categories: ['developer-tools'],
  auth: { kind: 'custom', schema: { type: 'object', properties: { token: { type: 'string', writeOnly: true } } } },
  actions: [{
    key: 'notes.add',
    title: 'Add a note',
    description: 'Adds a note',
    input: { type: 'object', properties: { text: { type: 'string' } }, required: ['text'] },
    output: { type: 'object' },
    examples: [],
    async run({ input, auth }) {
      return { id: 'note-' + input.text.length, text: input.text, signedWith: auth.token };
    },
  }, {
    key: 'notes.fail',
    title: 'Fail',
    description: 'Always fails',
    input: { type: 'object', properties: {} },
    output: { type: 'object' },
    examples: [],
    async run() {
      throw new Error('the notes service refused: quota exhausted');
    },
  }],
  triggers: [],
  network: { allow: [] },
};
`;

const CONNECTIONS = { notes: { connector: '@acme/connector-notes' } };
const WORKFLOWS = {
  greet: {
    mova: '1.0',
    name: 'greet',
    inputs: { type: 'object', properties: { name: { type: 'string' } } },
    // Plain field paths only: read in the runtime itself, no expression worker to wait for on a busy machine.
    steps: [{ id: 'hello', set: '{{ inputs.name }}' }],
    output: { text: '{{ steps.hello.output }}' },
  },
  'add-note': {
    mova: '1.0',
    name: 'add-note',
    connections: CONNECTIONS,
    inputs: { type: 'object', properties: { text: { type: 'string' } }, required: ['text'] },
    steps: [
      {
        id: 'add',
        uses: '@acme/connector-notes/notes.add@1',
        connection: 'notes',
        with: { text: '{{ inputs.text }}' },
      },
      { id: 'noted', set: '{{ steps.add.output.id }}' },
    ],
  },
  ship: {
    mova: '1.0',
    name: 'ship',
    inputs: { type: 'object', properties: { version: { type: 'string' } }, required: ['version'] },
    steps: [
      { id: 'ok', approval: { message: 'Ship {{ inputs.version }}?', timeout: '1d' } },
      { id: 'shipped', set: '{{ steps.ok.output.approved }}' },
    ],
  },
  serial: {
    mova: '1.0',
    name: 'serial',
    concurrency: { limit: 1, onLimit: 'queue' },
    steps: [{ id: 'nap', wait: { duration: '20s' } }],
  },
  broken: {
    mova: '1.0',
    name: 'broken',
    connections: CONNECTIONS,
    steps: [
      { id: 'first', set: 1 },
      { id: 'quota', uses: '@acme/connector-notes/notes.fail@1', connection: 'notes' },
    ],
  },
};

interface ServeInfo {
  url: string;
  page: string;
  token?: string;
}

describe('the runs page of `mova-connector serve` in Chromium', () => {
  let root: string;
  let child: ChildProcessWithoutNullStreams;
  let stderr = '';
  let info: ServeInfo;
  let context: BrowserContext;
  let page: Page;
  const runIds = { note: '', broken: '' };
  const problems: string[] = [];

  const api = async (path: string, init: RequestInit = {}, token = info.token) => {
    const response = await fetch(`${info.url}/api/v1${path}`, {
      ...init,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const start = async (workflow: string, inputs: Record<string, unknown> = {}) => {
    const started = await api('/runs', { method: 'POST', body: JSON.stringify({ workflow, inputs }) });
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    return String(started.body.runId);
  };
  // Runs in beforeAll, where expect.poll is not available: read the run until it has ended.
  const ended = async (runId: string) => {
    for (;;) {
      const { body } = await api(`/runs/${runId}`);
      if (body.status !== 'running') return body;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  const rowIds = () => page.locator('.run-row .run-link').allTextContents();

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(
        `${CHROMIUM} is missing: the runs page's browser test drives Debian's Chromium. ` +
          'Install it as root with `apt-get update && apt-get install -y chromium` ' +
          '(`node scripts/bootstrap.mjs` does this when run as root).',
      );
    }
    const built = await node([RUNS_PAGE_BUILD], process.cwd());
    expect(built.code, `building the runs page failed:\n${built.stderr}`).toBe(0);

    root = await mkdtemp(join(tmpdir(), 'mova-runs-page-'));
    const notes = join(root, 'notes');
    await mkdir(join(notes, 'dist'), { recursive: true });
    await writeFile(join(notes, 'package.json'), JSON.stringify({ name: '@acme/connector-notes', version: '1.2.0' }));
    await writeFile(join(notes, 'dist', 'connector.mjs'), NOTES);
    const bundle = (await import(pathToFileURL(join(notes, 'dist', 'connector.mjs')).href)).default as Connector;
    const manifest = buildManifest(bundle, { name: '@acme/connector-notes', version: '1.2.0' });
    await writeFile(join(notes, 'mova.manifest.json'), JSON.stringify(manifest, null, 2));
    await mkdir(join(root, 'project'));
    for (const [name, workflow] of Object.entries(WORKFLOWS)) {
      await writeFile(join(root, 'project', `${name}.json`), JSON.stringify(workflow));
    }

    // No --token: serve makes one up and hands it back in its --json line.
    child = spawn(
      process.execPath,
      [BIN, 'serve', '--dir', 'project', '--port', '0', '--data-dir', 'data', '--connector', notes, '--json'],
      {
        cwd: root,
        env: {
          ...process.env,
          NO_COLOR: '1',
          MOVA_SERVE_TOKEN: '',
          MOVA_CONNECTION_NOTES: JSON.stringify({ connector: '@acme/connector-notes', auth: { token: NOTES_TOKEN } }),
        },
      },
    );
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    let stdout = '';
    info = await new Promise<ServeInfo>((resolve, reject) => {
      child.stdout.on('data', (chunk) => {
        stdout += chunk;
        // --json prints one JSON document once it listens; it may arrive in pieces.
        try {
          resolve(JSON.parse(stdout.slice(stdout.indexOf('{'))) as ServeInfo);
        } catch {
          // Not all of it yet.
        }
      });
      child.on('close', (code) => reject(new Error(`serve exited with ${code}: ${stderr}`)));
    });

    // 26 quick runs so the list has a second page, then one completed and one failed connector run.
    for (let i = 0; i < 26; i++) await ended(await start('greet', { name: `user ${i}` }));
    runIds.note = await start('add-note', { text: 'buy milk' });
    expect(await ended(runIds.note)).toMatchObject({ status: 'completed' });
    runIds.broken = await start('broken');
    expect(await ended(runIds.broken)).toMatchObject({ status: 'failed' });

    context = await chromium.launchPersistentContext(join(root, 'chromium-profile'), {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_FLAGS,
      viewport: { width: 1280, height: 900 },
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      // The wrong token is refused with a 401 on purpose, which the browser logs; nothing else may be.
      if (message.type() === 'error' && !message.text().includes('401')) problems.push(message.text());
    });
  }, 180_000);

  afterAll(async () => {
    await context?.close();
    if (child && child.exitCode === null) {
      child.kill('SIGKILL');
      await new Promise((resolve) => child.on('close', resolve));
    }
    if (root) await rm(root, { recursive: true, force: true });
  });

  it('serves the page without the token, but not the API: serve made up a token and prints it', async () => {
    expect(info.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(info.page).toBe(`${info.url}/runs`);
    expect((await api('/runs', {}, '')).status).toBe(401);
    expect((await api('/runs', {}, 'guessed')).status).toBe(401);
    expect((await fetch(`${info.url}/metrics`)).status).toBe(401);
    const html = await fetch(info.page);
    expect(html.status).toBe(200);
    expect(html.headers.get('content-security-policy')).toContain("script-src 'self'");
    const text = await html.text();
    // The page holds no data of its own: no run id, no token.
    expect(text).not.toContain(runIds.note);
    expect(text).not.toContain(String(info.token));
    const asset = /src="(\/assets\/runs-[^"]+\.js)"/.exec(text)?.[1];
    expect((await fetch(`${info.url}${asset}`)).headers.get('cache-control')).toContain('immutable');
    expect((await fetch(`${info.url}/assets/../data/audit.jsonl`)).status).toBe(404);
  });

  it('asks for the token once, lists the runs newest first, pages, and filters by status, workflow and id prefix', async () => {
    await page.goto(info.page);
    const tokenField = page.getByLabel('API token');
    await tokenField.fill('not-the-token');
    await page.getByRole('button', { name: 'Continue' }).click();
    await eventually(() => page.locator('.form-error').textContent()).toMatch(/refused this token/);
    await tokenField.fill(String(info.token));
    await page.getByRole('button', { name: 'Continue' }).click();

    await eventually(async () => (await rowIds()).length).toBe(25);
    const first = await rowIds();
    expect(first.slice(0, 2)).toEqual([runIds.broken, runIds.note]);
    expect(await page.locator('.results-status').textContent()).toBe('25+ runs');
    await page.screenshot({ path: join(root, 'runs-list.png'), fullPage: true });
    await page.getByRole('button', { name: 'Show more runs' }).click();
    await eventually(async () => (await rowIds()).length).toBe(28);
    expect(new Set(await rowIds()).size).toBe(28);
    expect(await page.getByRole('button', { name: 'Show more runs' }).count()).toBe(0);

    // The token stays in this tab: a reload asks for nothing.
    await page.reload();
    await eventually(async () => (await rowIds()).length).toBe(25);

    await page.getByLabel('Status').selectOption('failed');
    await eventually(rowIds).toEqual([runIds.broken]);
    expect(new URL(page.url()).search).toBe('?status=failed');
    const failedRow = page.locator('.run-row');
    expect(await failedRow.locator('td').nth(1).textContent()).toBe('broken');
    expect(await failedRow.locator('.badge').textContent()).toBe('failed');

    await page.getByLabel('Status').selectOption('');
    await page.getByLabel('Workflow').selectOption('add-note');
    await eventually(rowIds).toEqual([runIds.note]);
    await page.getByLabel('Workflow').selectOption('greet');
    await eventually(async () => (await rowIds()).length).toBe(25);
    await page.getByLabel('Workflow').selectOption('');

    await page.getByLabel('Run id starts with').fill(runIds.note.slice(0, 8));
    await eventually(rowIds).toEqual([runIds.note]);
    expect(new URL(page.url()).searchParams.get('id')).toBe(runIds.note.slice(0, 8));
    await page.screenshot({ path: join(root, 'runs-filtered.png'), fullPage: true });
    await page.getByLabel('Run id starts with').fill('zzzz');
    await eventually(() => page.locator('.results-status').textContent()).toBe('No run matches these filters.');
    expect(problems).toEqual([]);
  });

  it('opens a run: its step timeline with connector@version, redacted input and output, durations and errors', async () => {
    await page.goto(`${info.url}/runs?id=${runIds.note.slice(0, 8)}`);
    await page.getByRole('link', { name: runIds.note }).click();
    await eventually(() => page.locator('.run-id').textContent()).toBe(runIds.note);
    expect(new URL(page.url()).pathname).toBe(`/runs/${runIds.note}`);
    expect(await page.locator('.run-title .badge').textContent()).toBe('completed');
    expect(await page.locator('.step').evaluateAll((els) => els.map((el) => el.getAttribute('data-step')))).toEqual([
      'add',
      'noted',
    ]);
    const add = page.locator('.step[data-step="add"]');
    expect(await add.locator('.step-connector').textContent()).toBe('@acme/connector-notes@1.2.0');
    expect(await add.locator('.step-kind').textContent()).toBe('uses');
    expect(await add.locator('.step-time').textContent()).toMatch(/^\+\d+ ms · \d+(\.\d)? m?s$/);
    await add.locator('summary', { hasText: 'Input' }).click();
    await add.locator('summary', { hasText: 'Output' }).click();
    expect(JSON.parse(String(await add.locator('pre.json').first().textContent()))).toEqual({ text: 'buy milk' });
    const output = JSON.parse(String(await add.locator('pre.json').nth(1).textContent()));
    expect(output).toMatchObject({ id: 'note-8', text: 'buy milk' });
    expect(JSON.stringify(output)).toContain('[redacted]');
    await page.screenshot({ path: join(root, 'run-completed.png'), fullPage: true });
    // The page never shows more than the API gave: the connection's token is nowhere in it.
    expect(await page.content()).not.toContain(NOTES_TOKEN);

    await page.getByRole('link', { name: '← All runs' }).click();
    await page.getByLabel('Workflow').selectOption('broken');
    await page.getByRole('link', { name: runIds.broken }).click();
    await eventually(() => page.locator('.run-title .badge').textContent()).toBe('failed');
    const quota = page.locator('.step[data-step="quota"]');
    expect(await quota.locator('.badge').textContent()).toBe('failed');
    expect(await quota.locator('.error-message').textContent()).toContain('the notes service refused: quota exhausted');
    expect(await page.locator('.run > .error-box .error-message').textContent()).toContain('quota exhausted');
    expect(await page.locator('.step[data-step="first"] .badge').textContent()).toBe('completed');
    await page.screenshot({ path: join(root, 'run-failed.png'), fullPage: true });

    await page.goto(`${info.url}/runs/not-a-run`);
    await eventually(() => page.locator('.form-error').textContent()).toBe('There is no run not-a-run.');
    expect(problems.filter((p) => !p.includes('404'))).toEqual([]);
  });

  it('approves and rejects a waiting approval step from the run page, with a comment', async () => {
    const approveId = await start('ship', { version: '2.0' });
    const rejectId = await start('ship', { version: '2.1-rc' });
    for (const id of [approveId, rejectId]) expect(await ended(id)).toMatchObject({ status: 'waiting' });

    await page.goto(`${info.url}/runs?status=waiting`);
    await eventually(rowIds).toEqual([rejectId, approveId]);
    await page.getByRole('link', { name: approveId }).click();
    const ok = page.locator('.step[data-step="ok"]');
    await eventually(() => ok.locator('.badge').textContent()).toBe('waiting');
    expect(await ok.locator('.step-kind').textContent()).toBe('approval');
    await ok.getByLabel('Comment (optional)').fill('checked the changelog');
    await page.screenshot({ path: join(root, 'run-waiting.png'), fullPage: true });
    await ok.getByRole('button', { name: 'Approve' }).click();
    await eventually(() => page.locator('.run-title .badge').textContent()).toBe('completed');
    expect(await ok.getByRole('button', { name: 'Approve' }).count()).toBe(0);
    const approved = (await api(`/runs/${approveId}`)).body as { steps: { id: string; output: unknown }[] };
    expect(approved.steps.find((s) => s.id === 'ok')?.output).toMatchObject({
      approved: true,
      comment: 'checked the changelog',
    });

    await page.goto(`${info.url}/runs/${rejectId}`);
    await page.locator('.step[data-step="ok"]').getByRole('button', { name: 'Reject' }).click();
    await eventually(() => page.locator('.run-title .badge').textContent()).not.toBe('waiting');
    const rejected = (await api(`/runs/${rejectId}`)).body as { steps: { id: string; output: unknown }[] };
    expect(rejected.steps.find((s) => s.id === 'ok')?.output).toMatchObject({ approved: false });
    // Decided once: the API refuses a second decision, and the page offers none.
    expect(
      (await api(`/runs/${rejectId}/approve`, { method: 'POST', body: JSON.stringify({ step: 'ok' }) })).status,
    ).toBe(409);
    expect(await page.getByRole('button', { name: 'Approve' }).count()).toBe(0);
  });

  it('shows a run queued at its concurrency limit with its place in line', async () => {
    const running = String((await api('/runs', { method: 'POST', body: '{"workflow":"serial"}' })).body.runId);
    const queued = await api('/runs', { method: 'POST', body: '{"workflow":"serial"}' });
    expect(queued.body.status).toBe('queued');
    await page.goto(`${info.url}/runs/${String(queued.body.runId)}`);
    await eventually(() => page.locator('.run-title .badge').textContent()).toBe('queued');
    expect(await page.locator('.queued-note').textContent()).toMatch(/number 1 in line since/);
    for (const id of [String(queued.body.runId), running]) {
      expect((await api(`/runs/${id}/cancel`, { method: 'POST' })).status).toBe(202);
    }
    await eventually(async () => (await api(`/runs/${running}`)).body.status).toBe('cancelled');
  });

  it('asks for the token again when the server refuses the one the tab holds', async () => {
    await page.evaluate("sessionStorage.setItem('mova.serve.token', 'stale')");
    await page.goto(info.page);
    await eventually(() => page.locator('.form-error').textContent()).toMatch(/refused the token this tab held/);
    expect(await page.evaluate("sessionStorage.getItem('mova.serve.token')")).toBeNull();
  });
});
