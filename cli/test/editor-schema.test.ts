import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { compileSchema } from '@mova/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type CompletionList,
  type Diagnostic,
  getLanguageService,
  type LanguageService,
  TextDocument,
} from 'vscode-json-languageservice';
import { tempDir } from '../../runtime/test/helpers.js';
import { cli } from './cli.js';
import { lockedProject, TRACKER } from './editor-support.js';
import { jsonOf } from './registry-support.js';

/** VS Code's JSON language service, reading schemas from disk the way the editor resolves "$schema": "./x.json". */
function languageService(): LanguageService {
  const service = getLanguageService({
    schemaRequestService: (uri) => readFile(fileURLToPath(uri), 'utf8'),
    workspaceContext: { resolveRelativePath: (path, resource) => new URL(path, resource).href },
  });
  service.configure({ validate: true, allowComments: false });
  return service;
}

describe('mova-connector schema: an editor that knows the locked connectors', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let project: string;
  let service: LanguageService;
  let version = 0;

  beforeAll(async () => {
    dir = await tempDir('mova-cli-editor-');
    project = join(dir.path, 'project');
    await mkdir(join(project, 'flows'), { recursive: true });
    await lockedProject(project, join(dir.path, 'data'));
    await writeFile(
      join(project, 'flows', 'ops.json'),
      workflowText('"uses": "tracker/tickets.create@^1", "with": { "queue": "ops", "title": "x" }'),
    );
    service = languageService();
  }, 60_000);
  afterAll(async () => {
    await dir?.remove();
  });

  /** A workflow whose one step is `step` (the body of the step object), pointing at the written schema. */
  function workflowText(step: string): string {
    return `{
  "$schema": "../mova.schema.json",
  "mova": "1.0",
  "name": "ops",
  "connections": { "tracker-prod": { "connector": "tracker" } },
  "steps": [
    { "id": "open", "connection": "tracker-prod", ${step} }
  ]
}
`;
  }

  /** The document with the cursor where `|` was. */
  function open(step: string): { document: TextDocument; offset: number } {
    const text = workflowText(step);
    const offset = text.indexOf('|');
    const uri = pathToFileURL(join(project, 'flows', 'ops.json')).href;
    return { document: TextDocument.create(uri, 'json', ++version, text.replace('|', '')), offset };
  }

  async function complete(step: string): Promise<string[]> {
    const { document, offset } = open(step);
    const list: CompletionList | null = await service.doComplete(
      document,
      document.positionAt(offset),
      service.parseJSONDocument(document),
    );
    return (list?.items ?? []).map((item) => item.label);
  }

  async function diagnose(step: string): Promise<{ text: string; offset: number; message: string }[]> {
    const { document } = open(step);
    const found: Diagnostic[] = await service.doValidation(document, service.parseJSONDocument(document));
    return found.map((d) => ({
      text: document.getText(d.range),
      offset: document.offsetAt(d.range.start),
      message: typeof d.message === 'string' ? d.message : d.message.value,
    }));
  }

  it('writes the schema and says how to reference it', async () => {
    const result = await cli(['schema', '--dir', project, '--json'], dir.path, {
      MOVA_DATA_DIR: join(dir.path, 'data'),
    });
    expect(result.code, result.stderr).toBe(0);
    const out = jsonOf<{ schema: string; connectors: string[]; actions: number; workflows: { $schema: string }[] }>(
      result,
    );
    expect(out.schema).toBe(join(project, 'mova.schema.json'));
    expect(out.connectors).toEqual([`${TRACKER}@1.2.0`]);
    expect(out.actions).toBe(2);
    expect(out.workflows).toEqual([
      { file: join('project', 'flows', 'ops.json'), $schema: '../mova.schema.json', referenced: true },
    ]);

    const text = await cli(['schema', '--dir', project, '--out', 'editor/schema.json'], dir.path, {
      MOVA_DATA_DIR: join(dir.path, 'data'),
    });
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain(
      `Wrote ${join('project', 'editor', 'schema.json')}: 2 action(s) of 1 locked connector version(s) (${TRACKER}@1.2.0)`,
    );
  });

  it('is a valid JSON Schema 2020-12 that accepts what the validator accepts', async () => {
    const schema = JSON.parse(await readFile(join(project, 'mova.schema.json'), 'utf8'));
    const validate = compileSchema(schema);
    const good = JSON.parse(
      workflowText(
        '"uses": "tracker/tickets.create@^1", "with": { "queue": "ops", "title": "{{ inputs.t }}", "priority": "{{ inputs.p }}", "labels": ["a", "{{ inputs.l }}"] }',
      ),
    );
    expect(validate(good)).toEqual([]);
    const bad = JSON.parse(
      workflowText('"uses": "tracker/tickets.create@^1", "with": { "queue": "ops", "title": "x", "priority": "high" }'),
    );
    expect(validate(bad).map((issue) => issue.pointer)).toContain('/steps/0/with/priority');
  });

  it('completes a locked action in "uses"', async () => {
    const labels = await complete('"uses": "|"');
    expect(labels).toContain('"tracker/tickets.create@^1"');
    expect(labels).toContain('"tracker/tickets.close@^1"');
    expect(labels).toContain('"http_fetch"');
  });

  it('completes the fields of the action\'s input in "with"', async () => {
    const labels = await complete('"uses": "tracker/tickets.create@^1", "with": { | }');
    expect(labels).toEqual(expect.arrayContaining(['queue', 'title', 'priority', 'kind', 'labels']));
    const other = await complete('"uses": "tracker/tickets.close@^1", "with": { | }');
    expect(other).toEqual(['id']);
  });

  it('completes the values an input field allows', async () => {
    const labels = await complete(
      '"uses": "tracker/tickets.create@^1", "with": { "queue": "ops", "title": "x", "kind": | }',
    );
    expect(labels).toEqual(expect.arrayContaining(['"bug"', '"task"']));
  });

  it('offers the connection names the project declares for the connector, and the locked connectors', async () => {
    const { document } = open('"uses": "tracker/tickets.close@^1", "with": { "id": 1 }');
    const text = document.getText().replace('"connection": "tracker-prod"', '"connection": ""');
    const edited = TextDocument.create(document.uri, 'json', ++version, text);
    const at = edited.positionAt(text.indexOf('"connection": ""') + '"connection": "'.length);
    const list = await service.doComplete(edited, at, service.parseJSONDocument(edited));
    expect(list?.items.map((item) => item.label)).toContain('"tracker-prod"');
    const connector = text.indexOf('"connector": "tracker"') + '"connector": "'.length;
    const names = await service.doComplete(edited, edited.positionAt(connector), service.parseJSONDocument(edited));
    expect(names?.items.map((item) => item.label)).toContain('"tracker"');
  });

  it("shows the input field's description on hover", async () => {
    const { document } = open(
      '"uses": "tracker/tickets.create@^1", "with": { "queue": "ops", "title": "x", "priority": 2 }',
    );
    const at = document.positionAt(document.getText().indexOf('"priority"') + 2);
    const hover = await service.doHover(document, at, service.parseJSONDocument(document));
    // Markdown: the service escapes the parentheses.
    expect(JSON.stringify(hover?.contents)).toMatch(/From 1 \\+\(urgent\\+\) to 5/);
  });

  it('refuses to write a schema without the locked manifests, and warns without a lockfile', async () => {
    const missing = await cli(['schema', '--dir', project], dir.path, { MOVA_DATA_DIR: join(dir.path, 'empty') });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(
      `${TRACKER}@1.2.0 (locked in project/mova.lock.json) is not in the connector store`,
    );
    expect(missing.stderr).toContain('add --fetch to download them');

    const bare = join(dir.path, 'bare');
    await mkdir(bare, { recursive: true });
    const unlocked = await cli(['schema', '--dir', bare], dir.path, { MOVA_DATA_DIR: join(dir.path, 'data') });
    expect(unlocked.code, unlocked.stderr).toBe(0);
    // oclif wraps warnings at the terminal width, each line led by ›.
    expect(unlocked.stderr.replace(/\s*›\s*/g, ' ')).toContain(
      'does not exist: the schema knows only the built-in steps',
    );
    const schema = JSON.parse(await readFile(join(bare, 'mova.schema.json'), 'utf8'));
    expect(schema.$defs.usesStep.properties.uses.examples).toEqual(['http_fetch']);
  });

  it('flags a wrong type in "with", and not a {{ }} expression in its place', async () => {
    const step = '"uses": "tracker/tickets.create@^1", "with": { "queue": "ops", "title": "x", "priority": "high" }';
    const wrong = await diagnose(step);
    expect(wrong).toHaveLength(1);
    expect(wrong[0]?.text).toBe('"high"');
    expect(wrong[0]?.offset).toBe(workflowText(step).indexOf('"high"'));
    expect(wrong[0]?.message).toMatch(/integer/i);
    const templated = await diagnose(
      '"uses": "tracker/tickets.create@^1", "with": { "queue": "ops", "title": "x", "priority": "{{ inputs.p }}" }',
    );
    expect(templated).toEqual([]);
  });

  it('flags a missing required field and an action the locked version does not have', async () => {
    const missing = await diagnose('"uses": "tracker/tickets.create@^1", "with": { "queue": "ops" }');
    expect(missing.map((d) => d.message).join('\n')).toMatch(/title/);
    const unknown = await diagnose('"uses": "tracker/tickets.reopen@^1", "with": {}');
    expect(unknown.map((d) => d.message)).toContain(
      `The locked ${TRACKER} has no such action. Its actions: tickets.create, tickets.close.`,
    );
  });
});
