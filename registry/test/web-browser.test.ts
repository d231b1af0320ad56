import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectorEntry, Registry } from '../src/index.js';
import { run } from './support/process.js';
import { addUser, getJson, removeDir, startTestRegistry, tempDir, userConfig } from './support/registry.js';
import { npm } from './support/tools.js';
import {
  chatConnector,
  crmConnector,
  HOSTILE_TITLE,
  hostileConnector,
  mailConnector,
  writeConnectorPackage,
} from './support/web-fixtures.js';

// Debian's Chromium, driven by playwright-core: Playwright's own browser download cannot reach its
// host from these machines. scripts/bootstrap.mjs installs it (as root).
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
// The page answers in milliseconds, but other test files share the two cores: allow for a busy machine.
const eventually = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 15_000, interval: 100 });
const registryRoot = fileURLToPath(new URL('../', import.meta.url));
const ARTIFACTS = fileURLToPath(new URL('../../test-artifacts/', import.meta.url));

describe('the marketplace page in a browser', () => {
  let dir: string;
  let registry: Registry;
  let context: BrowserContext;
  let page: Page;
  const problems: string[] = [];

  const titles = () => page.locator('.card-title').allTextContents();
  const status = () => page.locator('.results-status').textContent();
  const focused = () => page.evaluate('document.activeElement?.textContent ?? document.activeElement?.tagName');

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(
        `${CHROMIUM} is missing: the marketplace page's browser test drives Debian's Chromium. ` +
          'Install it as root with `apt-get update && apt-get install -y chromium` ' +
          '(`node scripts/bootstrap.mjs` does this when run as root).',
      );
    }
    const built = await run(process.execPath, ['web/build.mjs'], { cwd: registryRoot });
    expect(built.code, `building the page failed:\n${built.stderr}`).toBe(0);

    dir = await tempDir('web-browser');
    registry = await startTestRegistry(join(dir, 'data'));
    const rc: Record<string, string> = {};
    for (const user of ['alice', 'bob'])
      rc[user] = await userConfig(dir, registry, user, await addUser(registry, user));
    const npmAs = async (user: string, args: string[], cwd = dir) => {
      const result = await npm([...args, '--userconfig', rc[user] ?? '', '--registry', registry.url], cwd);
      expect(result.code, `npm ${args.join(' ')}: ${result.stderr}`).toBe(0);
    };
    const publish = async (user: string, spec: Parameters<typeof writeConnectorPackage>[1]) =>
      npmAs(user, ['publish'], await writeConnectorPackage(dir, spec));

    const chat = chatConnector();
    await publish('alice', { name: '@alice/chat', version: '1.0.0', connector: chat, readme: true });
    await publish('alice', { name: '@alice/chat', version: '1.1.0', connector: chat, readme: true, testsRan: true });
    await publish('alice', { name: '@alice/crm', version: '2.0.0', connector: crmConnector(), keywords: ['deals'] });
    await publish('bob', { name: '@bob/mailer', version: '0.3.0', connector: mailConnector(), readme: true });
    await publish('bob', { name: '@bob/evil', version: '1.0.0', connector: hostileConnector() });
    await npmAs('alice', ['deprecate', '@alice/chat@1.0.0', 'Use 1.1.0: it keeps thread replies']);
    await npmAs('bob', ['deprecate', '@bob/mailer', 'Moved to @bob/smtp']);
    await registry.indexed();

    context = await chromium.launchPersistentContext(join(dir, 'chromium-profile'), {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_FLAGS,
      viewport: { width: 1280, height: 900 },
    });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: registry.url.replace(/\/$/, '') });
    page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      // A 404 answered on purpose (an unknown connector) is logged by the browser; nothing else may be.
      if (message.type() === 'error' && !message.text().includes('404')) problems.push(message.text());
    });
    await mkdir(ARTIFACTS, { recursive: true });
  }, 240_000);

  afterAll(async () => {
    await context?.close();
    await registry?.close();
    if (dir) await removeDir(dir);
  });

  it('searches as you type and filters by category and authentication', async () => {
    await page.goto(registry.url);
    await eventually(titles).toEqual(['Chat Relay', 'Acme CRM', HOSTILE_TITLE, 'Mailer']);
    expect(await status()).toBe('4 connectors');

    const search = page.getByLabel('Search', { exact: true });
    await search.pressSequentially('chat', { delay: 30 });
    await eventually(titles).toEqual(['Chat Relay']);
    expect(await status()).toBe('1 connector');
    expect(new URL(page.url()).searchParams.get('q')).toBe('chat');

    await search.fill('contac');
    await eventually(titles).toEqual(['Acme CRM']);
    await search.fill('zzqqxx');
    await eventually(status).toMatch(/^No connector matches “zzqqxx”/);
    await search.fill('');

    await page.getByLabel('Category').selectOption('communication');
    await eventually(titles).toEqual(['Chat Relay', 'Mailer']);
    expect(await page.getByLabel('Category').locator('option:checked').textContent()).toBe('Communication (2)');
    await page.getByLabel('Authentication').selectOption('basic');
    await eventually(titles).toEqual(['Mailer']);
    expect(page.url()).toBe(`${registry.url}?category=communication&authKind=basic`);

    await page.getByRole('button', { name: 'Clear search and filters' }).click();
    await eventually(titles).toHaveLength(4);

    const chat = page.locator('.card', { hasText: 'Chat Relay' });
    expect(await chat.locator('.card-meta li').allTextContents()).toEqual([
      'v1.1.0',
      '2 actions',
      'Bearer token',
      'Quality 100 out of 100',
    ]);
    expect(await chat.locator('img.icon').getAttribute('src')).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(await page.locator('.card', { hasText: 'Acme CRM' }).locator('.monogram').textContent()).toBe('AC');
    expect(await page.locator('.card', { hasText: 'Mailer' }).locator('.card-deprecated').textContent()).toBe(
      'Deprecated',
    );
    await page.screenshot({ path: join(ARTIFACTS, 'marketplace.png'), fullPage: true });
    expect(problems).toEqual([]);
  });

  it('opens a connector page: actions with their fields, uses snippet, install command, quality', async () => {
    await page.goto(registry.url);
    await page.getByRole('link', { name: 'Acme CRM' }).click();
    await page.waitForURL(`${registry.url}-/mova/connectors/@alice/crm`);
    await eventually(() => page.locator('h1').textContent()).toBe('Acme CRM');
    expect(await focused()).toBe('Acme CRM');
    expect(await page.title()).toBe('Acme CRM · MOVA connectors');

    const connection = page.locator('section', { has: page.locator('#connection-title') });
    expect(await connection.locator('.schema-lead').textContent()).toBe(
      "API key, sent in the X-Api-Key header. The connection's fields:",
    );
    expect(await connection.locator('.field-head').allTextContents()).toEqual(['apiKeystringrequired']);
    expect(await connection.locator('.field-constraints li').allTextContents()).toContain(
      'secret: kept out of logs and run records',
    );
    // What to write: the workflow's declaration, and the connections file with the secret marked.
    const written = (await connection.locator('.code code').allTextContents()).map((text) => JSON.parse(text));
    expect(written).toEqual([
      { connections: { crm: { connector: '@alice/crm' } } },
      { crm: { connector: '@alice/crm', auth: { apiKey: '<secret>' } } },
    ]);

    const create = page.locator('[id="action-contacts.create"]');
    expect(await create.locator('h3').textContent()).toBe('Create a contact');
    const uses = create.locator('.uses code');
    expect(await uses.textContent()).toBe('@alice/crm/contacts.create@^2');

    const input = create.locator('.io > div').first();
    const field = (scope: typeof input, name: string) =>
      scope.locator('.field').filter({ has: page.locator(`:scope > .field-head > .field-name:text-is("${name}")`) });
    const email = field(input, 'email');
    expect(await email.locator(':scope > .field-head').textContent()).toBe('emailstringrequired');
    expect(await email.locator(':scope > .field-description').textContent()).toBe('Where the contact is reached');
    expect(await email.locator(':scope > .field-constraints li').allTextContents()).toEqual(['format: email']);
    const address = field(input, 'address');
    expect(await address.locator(':scope > .field-head').textContent()).toBe('addressobjectoptional');
    expect(await address.locator(':scope > .fields > .field > .field-head .field-name').allTextContents()).toEqual([
      'street',
      'city',
      'country',
    ]);
    expect(await field(address, 'city').locator(':scope > .field-head .field-required').textContent()).toBe('required');
    expect(await field(input, 'stage').locator(':scope > .field-head .field-type').textContent()).toBe(
      '"lead" | "customer"',
    );
    expect(await field(input, 'tags').locator(':scope > .field-head .field-type').textContent()).toBe('string[]');

    const output = create.locator('.io > div').nth(1);
    expect(await field(output, 'owner').locator(':scope > .field-head').textContent()).toBe('ownerobject | nullalways');
    expect(await field(output, 'login').locator(':scope > .field-description').textContent()).toBe('Sales rep');

    const step = JSON.parse((await create.locator('.example .code code').first().textContent()) ?? '');
    expect(step).toMatchObject({ id: 'contacts_create', uses: '@alice/crm/contacts.create@^2', connection: 'crm' });
    expect(step.with).toMatchObject({ email: 'ada@example.com' });

    await create
      .locator('.uses')
      .getByRole('button', { name: /Copy uses reference/ })
      .click();
    await eventually(() => page.evaluate('navigator.clipboard.readText()')).toBe('@alice/crm/contacts.create@^2');
    expect(await create.locator('.uses [role="status"]').textContent()).toBe(
      'uses reference of contacts.create copied',
    );

    const install = page.locator('.panel', { has: page.locator('#install-title') });
    expect(await install.isVisible()).toBe(true);
    expect(await install.locator('code').textContent()).toBe('mova-connector install @alice/crm@^2');

    const details = page.locator('.panel', { has: page.locator('#details-title') });
    expect(await details.locator('.network').textContent()).toBe('api.acme-crm.test');

    const { body } = await getJson(registry, '-/mova/v1/connectors/@alice/crm');
    const entry = body as ConnectorEntry;
    expect(entry.quality).toBeLessThan(100);
    expect(await page.locator('.quality-score').textContent()).toBe(String(entry.quality));
    const criteria = page.locator('.criterion');
    expect(await criteria.locator('.criterion-title').allTextContents()).toEqual(
      entry.qualityCriteria.map((c) => c.title),
    );
    expect(await criteria.filter({ hasText: 'Actions have examples' }).locator('.criterion-detail').textContent()).toBe(
      '2 of 3. Add an example (input and output) to: deals.create.',
    );
    await page.screenshot({ path: join(ARTIFACTS, 'marketplace-connector.png'), fullPage: true });
    expect(problems).toEqual([]);
  });

  it('asks the first search and a filter change at once, and waits only while someone types', async () => {
    // A page whose clock moves only when told (in a browser of its own: a clock is the whole
    // context's). 20 ms is enough for Preact's effects, which wait for the next animation frame,
    // and far from the 150 ms a typed search waits: a first search behind that timer never comes.
    const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS });
    const still = await browser.newPage();
    try {
      await still.clock.install();
      await still.clock.pauseAt(Date.now() + 60_000);
      await still.goto(registry.url);
      const cards = () => still.locator('.card-title').allTextContents();
      await still.clock.runFor(20);
      await eventually(cards).toHaveLength(4);
      await still.getByLabel('Category').selectOption('communication');
      await still.clock.runFor(20);
      await eventually(cards).toEqual(['Chat Relay', 'Mailer']);
      // Typing still waits for its debounce, which runs once the clock moves on.
      await still.getByLabel('Search', { exact: true }).fill('mail');
      await still.clock.runFor(200);
      await eventually(cards).toEqual(['Mailer']);
    } finally {
      await browser.close();
    }
  });

  it('serves deep links, shows versions and deprecations, and works by keyboard', async () => {
    const response = await page.goto(`${registry.url}-/mova/connectors/@alice/chat#action-chat.deleteMessage`);
    expect(response?.status()).toBe(200);
    const deleteAction = page.locator('[id="action-chat.deleteMessage"]');
    await eventually(() => deleteAction.isVisible()).toBe(true);
    // Scrolled to the action the address names.
    await eventually(async () => (await deleteAction.boundingBox())?.y).toBeLessThan(100);
    expect(await page.locator('.versions tbody th').allTextContents()).toEqual(['1.1.0latest', '1.0.0']);
    expect(await page.locator('.version-note').textContent()).toBe('Deprecated: Use 1.1.0: it keeps thread replies');
    const published = await page.locator('.versions time').first().getAttribute('datetime');
    expect(Date.parse(published ?? '')).toBeGreaterThan(Date.now() - 10 * 60_000);
    expect(await page.locator('.notice').count()).toBe(0);

    await page.getByRole('link', { name: '← All connectors' }).click();
    await page.waitForURL(registry.url);
    await eventually(titles).toHaveLength(4);
    expect(await focused()).toBe('Connectors');

    await page.keyboard.press('/');
    await page.keyboard.type('mail');
    await eventually(titles).toEqual(['Mailer']);
    // Search box, category, authentication, "clear", then the first card.
    for (let i = 0; i < 4; i++) await page.keyboard.press('Tab');
    expect(await focused()).toBe('Mailer');
    await page.keyboard.press('Enter');
    await page.waitForURL(`${registry.url}-/mova/connectors/@bob/mailer`);
    await eventually(() => page.locator('.notice').textContent()).toBe('Deprecated. Moved to @bob/smtp');
    // A bare name in `uses` means @mova/connector-<name>; Bob's scoped package is named in full.
    expect(await page.locator('.uses code').textContent()).toBe('@bob/mailer/email.send@^0.3');

    await page.goBack();
    await page.waitForURL(`${registry.url}?q=mail`);
    await eventually(titles).toEqual(['Mailer']);
    expect(await page.getByLabel('Search', { exact: true }).inputValue()).toBe('mail');

    const missing = await page.goto(`${registry.url}-/mova/connectors/@nobody/nothing`);
    expect(missing?.status()).toBe(404);
    await eventually(() => page.locator('h1').textContent()).toBe('Connector not found');
    expect(await page.locator('main p').first().textContent()).toContain('No connector "@nobody/nothing" is listed');
    expect(problems).toEqual([]);
  });

  it('shows manifest text as text: nothing in it runs', async () => {
    await page.goto(`${registry.url}?q=evil`);
    await eventually(titles).toEqual([HOSTILE_TITLE]);
    await page.getByRole('link', { name: HOSTILE_TITLE }).click();
    await eventually(() => page.locator('h1').textContent()).toBe(HOSTILE_TITLE);
    expect(await page.locator('.connector-description').textContent()).toBe(
      '<script>window.__pwned=2</script><b>bold?</b>',
    );
    const action = page.locator('[id="action-x.run"]');
    expect(await action.locator('h3').textContent()).toBe('<svg onload="window.__pwned=4">');
    expect(await action.locator('.field-name').first().textContent()).toBe('<i>field</i>');
    expect(await action.locator('.example code').first().textContent()).toContain(
      '</code><script>window.__pwned=7</script>',
    );
    // The javascript: icon is never used; a monogram stands in.
    expect(await page.locator('.connector-head .monogram').count()).toBe(1);
    expect(await page.evaluate('window.__pwned')).toBeUndefined();
    expect(await page.locator('script').count()).toBe(1);
    expect(await page.locator('main img, main svg, main b, main i, main a[href^="javascript"]').count()).toBe(0);
    expect(problems).toEqual([]);
  });

  it('fits a phone screen, light or dark', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.emulateMedia({ colorScheme: 'dark' });
    try {
      for (const path of ['', '-/mova/connectors/@alice/crm']) {
        await page.goto(registry.url + path);
        await eventually(() => page.locator('h1').textContent()).not.toBe('');
        await page.locator('.card, .action').first().waitFor();
        const overflow = await page.evaluate(
          'document.documentElement.scrollWidth - document.documentElement.clientWidth',
        );
        expect(overflow, `${path || '/'} scrolls sideways`).toBe(0);
      }
      // Narrow screens show the install command under the title, not after every action.
      const install = page.locator('.panel', { has: page.locator('#install-top-title') });
      expect(await install.isVisible()).toBe(true);
      expect(await page.locator('.install-side').isVisible()).toBe(false);
      expect(await install.locator('code').textContent()).toBe('mova-connector install @alice/crm@^2');
      await page.screenshot({ path: join(ARTIFACTS, 'marketplace-connector-phone.png') });
    } finally {
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.emulateMedia({ colorScheme: 'light' });
    }
    expect(problems).toEqual([]);
  });

  it('stays light: its script is far under 50 KB gzipped and goes out compressed', async () => {
    const assets = join(registryRoot, 'web', 'dist', 'assets');
    const scripts = (await readdir(assets)).filter((name) => name.endsWith('.js'));
    expect(scripts).toHaveLength(1);
    const [script = ''] = scripts;
    const gzipped = gzipSync(await readFile(join(assets, script))).length;
    expect(gzipped).toBeLessThan(25 * 1024);
    const served = await fetch(new URL(`-/mova/assets/${script}`, registry.url), {
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(served.headers.get('content-encoding')).toBe('gzip');
    expect(served.headers.get('cache-control')).toContain('immutable');
  });
});
