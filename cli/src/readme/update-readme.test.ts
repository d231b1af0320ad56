import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Auth, buildManifest, defineAction, defineConnector, Type } from '@mova/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserError } from '../user-error.js';
import { REFERENCE_END, REFERENCE_START, spliceReference, updateReadme } from './update-readme.js';

describe('spliceReference', () => {
  it('replaces what is between the markers and nothing else', () => {
    const text = `# Intro\n\nHand-written.\n\n${REFERENCE_START}\nold\n${REFERENCE_END}\n\nFooter.\n`;
    expect(spliceReference(text, 'new')).toBe(
      `# Intro\n\nHand-written.\n\n${REFERENCE_START}\nnew\n${REFERENCE_END}\n\nFooter.\n`,
    );
  });

  it('appends markers and section when there are none', () => {
    expect(spliceReference('# Intro\n\n', 'new')).toBe(`# Intro\n\n${REFERENCE_START}\nnew\n${REFERENCE_END}\n`);
  });

  it('refuses a lone marker or markers out of order, naming the line', () => {
    expect(() => spliceReference(`a\n${REFERENCE_START}\n`, 'x')).toThrow(/line 2\) but no <!-- mova:reference:end/);
    expect(() => spliceReference(`${REFERENCE_END}\n${REFERENCE_START}`, 'x')).toThrow(UserError);
  });
});

describe('updateReadme', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mova-readme-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const manifest = buildManifest(
    defineConnector({
      name: 'acme',
      title: 'Acme',
      description: 'Talks to Acme.',
      categories: ['crm'],
      auth: Auth.none(),
      actions: [
        defineAction({
          key: 'ping',
          title: 'Ping',
          input: Type.Object({}),
          output: Type.Object({ ok: Type.Boolean() }),
          async run() {
            return { ok: true };
          },
        }),
      ],
    }),
    { name: 'connector-acme', version: '0.1.0' },
  );

  it('creates README.md with a title, the description and the section; then leaves it unchanged', async () => {
    const file = join(dir, 'README.md');
    expect(await updateReadme(file, manifest)).toBe('created');
    const text = await readFile(file, 'utf8');
    expect(text).toMatch(/^# Acme\n\nTalks to Acme\.\n\n<!-- mova:reference:start -->\n## Reference: Acme/);
    expect(text).toContain('#### `ping`: Ping');
    expect(await updateReadme(file, manifest)).toBe('unchanged');
  });

  it('fills the markers of an existing README', async () => {
    const file = join(dir, 'existing.md');
    await writeFile(file, `# Mine\n\n${REFERENCE_START}\n${REFERENCE_END}\n`);
    expect(await updateReadme(file, manifest)).toBe('updated');
    expect(await readFile(file, 'utf8')).toMatch(/^# Mine\n\n<!-- mova:reference:start -->\n## Reference: Acme/);
  });
});
