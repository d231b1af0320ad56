import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Registry } from '@mova/registry';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../runtime/test/helpers.js';
import { run, startTestRegistry, writeConnectorPackage } from '../../runtime/test/registry-support.js';
import { type CliResult, cli } from './cli.js';

const NOTES = '@mova/connector-notes';

/** notes 1.0.0 has notes.get (text → upper); 2.0.0 renames it notes.fetch (body → shout) and says so. */
function notesSource(version: string): string {
  const v1 = version === '1.0.0';
  // A rename breaks workflows nobody rewrote: the registry asks for a major, so the range is >=1.
  const action = v1
    ? `defineAction({
        key: 'notes.get', title: 'Get a note',
        input: Type.Object({ text: Type.String() }),
        output: Type.Object({ upper: Type.String(), length: Type.Integer() }),
        async run({ input }) { return { upper: input.text.toUpperCase(), length: input.text.length }; },
      })`
    : `defineAction({
        key: 'notes.fetch', title: 'Fetch a note',
        renamedFrom: 'notes.get',
        renamed: { input: [{ from: 'text', to: 'body' }], output: [{ from: 'upper', to: 'shout' }] },
        input: Type.Object({ body: Type.String() }),
        output: Type.Object({ shout: Type.String(), length: Type.Integer({ deprecated: 'Count the text yourself' }) }),
        async run({ input }) { return { shout: input.body.toUpperCase(), length: input.body.length }; },
      })`;
  return `import { Auth, defineAction, defineConnector, Type } from '@mova/sdk';
export default defineConnector({
  name: 'notes', title: 'Notes', description: 'Notes (test fixture)', categories: ['developer-tools'],
  auth: Auth.none(), actions: [${action}], network: { allow: [] },
});
`;
}

async function publishNotes(root: string, registry: Registry, npmrc: string, version: string): Promise<void> {
  const dir = await writeConnectorPackage(root, { name: NOTES, version, source: notesSource(version) });
  const published = await run('npm', ['publish', '--userconfig', npmrc, '--registry', registry.url], dir);
  if (published.code !== 0) throw new Error(`npm publish ${NOTES}@${version} failed: ${published.stderr}`);
}

// Hand-formatted on purpose: the rewrite must keep the layout and change only the renamed names.
const WORKFLOW = `{
  "mova": "1.0",
  "name": "shout",
  "steps": [
    {   "id": "note",   "uses": "notes/notes.get@>=1",
        "with": { "text": "hello" } },
    { "id": "say", "set": { "loud": "{{ steps.note.output.upper }}!" } }
  ],
  "output": {
    "loud": "{{ steps.say.output.loud }}",
    "again": "{{ $steps.note.output.upper & ' / ' & steps.note.output.length }}"
  }
}
`;

const REWRITTEN = `{
  "mova": "1.0",
  "name": "shout",
  "steps": [
    {   "id": "note",   "uses": "notes/notes.fetch@>=1",
        "with": { "body": "hello" } },
    { "id": "say", "set": { "loud": "{{ steps.note.output.shout }}!" } }
  ],
  "output": {
    "loud": "{{ steps.say.output.loud }}",
    "again": "{{ $steps.note.output.shout & ' / ' & steps.note.output.length }}"
  }
}
`;

describe('upgrade --write: renames a connector declares', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let registry: Registry;
  let project: string;

  const mova = (args: string[]): Promise<CliResult> =>
    cli(args, project, {
      MOVA_REGISTRY: registry.url,
      MOVA_REGISTRY_TOKEN: undefined,
      MOVA_CONFIG: join(dir.path, 'movarc'),
      MOVA_DATA_DIR: join(dir.path, 'data'),
    });

  beforeAll(async () => {
    dir = await tempDir('mova-cli-upgrade-write-');
    let npmrc: string;
    ({ registry, npmrc } = await startTestRegistry(dir.path));
    await publishNotes(dir.path, registry, npmrc, '1.0.0');
    project = join(dir.path, 'project');
    await mkdir(project, { recursive: true });
    await writeFile(join(project, 'shout.json'), WORKFLOW);
    const installed = await mova(['install']);
    expect(installed.code, installed.stderr).toBe(0);
    await publishNotes(dir.path, registry, npmrc, '2.0.0');
  }, 180_000);
  afterAll(async () => {
    await registry?.close();
    await dir?.remove();
  });

  it('without --write, --safe counts a declared rename as breaking and says --write fixes it', async () => {
    const safe = await mova(['upgrade', '--safe']);
    expect(safe.code, safe.stderr).toBe(0);
    expect(safe.stdout).toContain('notes >=1: stays at 1.0.0');
    expect(safe.stdout).toContain(
      'shout.json step note (notes/notes.get@>=1): action notes.get was renamed to notes.fetch (upgrade --write rewrites it)',
    );
    expect(safe.stdout).toContain('output field "upper" was renamed to "shout" (upgrade --write rewrites it)');
    expect(await readFile(join(project, 'shout.json'), 'utf8')).toBe(WORKFLOW);
  });

  it('--safe --write takes the version, rewrites the workflow in place, and the workflow runs', async () => {
    const upgraded = await mova(['upgrade', '--safe', '--write', '--json']);
    expect(upgraded.code, upgraded.stderr).toBe(0);
    const result = JSON.parse(upgraded.stdout);
    expect(result).toMatchObject({
      changed: true,
      upgrades: [{ package: NOTES, from: '1.0.0', to: '2.0.0', skipped: [] }],
      rewritten: [join(project, 'shout.json')],
    });
    expect(await readFile(join(project, 'shout.json'), 'utf8')).toBe(REWRITTEN);
    const ran = await mova(['run', 'shout.json', '--json']);
    expect(ran.code, ran.stderr).toBe(0);
    expect(JSON.parse(ran.stdout)).toMatchObject({
      status: 'completed',
      output: { loud: 'HELLO!', again: 'HELLO / 5' },
    });
  });
});
