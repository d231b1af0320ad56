import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fill, type Placeholders, placeholdersIn, renderTemplate, templateFiles } from './render.js';
import { listTemplates, templatesRoot } from './templates.js';

const values: Placeholders = {
  NAME: 'acme',
  TITLE: 'Acme\'s "CRM"',
  PACKAGE: '@acme/connector-crm',
  DESCRIPTION: 'Reads a\\b and "quotes" \\"',
  SDK_DEP: '^1.0.0',
  CLI_DEP: 'file:/x/cli',
  RUNTIME_DEP: 'file:/x/runtime',
};

describe('fill', () => {
  it('escapes values for JSON strings in .json files', () => {
    const text = fill('{ "description": "__DESCRIPTION__" }', values, 'package.json');
    expect(JSON.parse(text)).toEqual({ description: values.DESCRIPTION });
  });

  it('escapes values for quoted strings in code', () => {
    const code = fill("export const t = '__TITLE__';", values, 'src/index.ts');
    expect(code).toBe("export const t = 'Acme\\'s \"CRM\"';");
    for (const key of ['TITLE', 'DESCRIPTION'] as const) {
      const source = fill(`return '__${key}__';`, values, 'src/index.ts');
      expect(new Function(source)()).toBe(values[key]);
    }
  });

  it('puts values into Markdown as they are, and leaves unknown placeholders alone', () => {
    expect(fill('# __TITLE__ __OTHER__', values, 'README.md')).toBe('# Acme\'s "CRM" __OTHER__');
  });
});

describe('the shipped templates', async () => {
  const root = await templatesRoot();
  const templates = await listTemplates(root);
  const known = new Set(Object.keys(values));

  it('include the sdk and database templates', () => {
    expect(templates).toEqual(expect.arrayContaining(['sdk', 'database']));
  });

  it.each(templates)('%s: every file is a .tmpl and uses only known placeholders', async (template) => {
    const dir = join(root, template);
    const all = await readdir(dir, { recursive: true, withFileTypes: true });
    const files = all.filter((e) => e.isFile()).map((e) => relative(dir, join(e.parentPath, e.name)));
    expect(files.filter((f) => !f.endsWith('.tmpl'))).toEqual([]);
    for (const file of await templateFiles(dir)) {
      const unknown = placeholdersIn(await readFile(file, 'utf8')).filter((p) => !known.has(p));
      expect(unknown, relative(root, file)).toEqual([]);
    }
  });

  it.each(templates)('%s: has the files every connector package needs', async (template) => {
    const files = (await templateFiles(join(root, template))).map((f) => relative(join(root, template), f));
    for (const needed of [
      'package.json.tmpl',
      'tsconfig.json.tmpl',
      'vitest.config.ts.tmpl',
      'README.md.tmpl',
      '.gitignore.tmpl',
      'src/index.ts.tmpl',
      'src/auth.ts.tmpl',
      'src/client.ts.tmpl',
    ]) {
      expect(files).toContain(needed);
    }
    expect(files.some((f) => /^src\/actions\/.+\.ts\.tmpl$/.test(f) && !f.includes('.test.'))).toBe(true);
    expect(files.some((f) => f.endsWith('.test.ts.tmpl'))).toBe(true);
    const readme = await readFile(join(root, template, 'README.md.tmpl'), 'utf8');
    expect(readme).toContain('<!-- mova:reference:start -->');
    expect(readme).toContain('<!-- mova:reference:end -->');
  });
});

describe('renderTemplate', () => {
  const scratch: string[] = [];
  afterAll(async () => {
    for (const dir of scratch) await rm(dir, { recursive: true, force: true });
  });

  it('writes every file without .tmpl and with the placeholders filled', async () => {
    const to = await mkdtemp(join(tmpdir(), 'mova-render-'));
    scratch.push(to);
    const written = await renderTemplate(join(await templatesRoot(), 'database'), to, values);
    expect(written).toContain('package.json');
    expect(written).toContain('.gitignore');
    expect(written.every((f) => !f.endsWith('.tmpl'))).toBe(true);
    const pkg = JSON.parse(await readFile(join(to, 'package.json'), 'utf8'));
    expect(pkg).toMatchObject({
      name: '@acme/connector-crm',
      description: values.DESCRIPTION,
      devDependencies: { '@mova/sdk': '^1.0.0', '@mova/cli': 'file:/x/cli' },
      scripts: { build: 'mova-connector build', test: 'vitest run' },
    });
    expect(await readFile(join(to, 'src', 'index.ts'), 'utf8')).toContain("name: 'acme'");
  });
});
