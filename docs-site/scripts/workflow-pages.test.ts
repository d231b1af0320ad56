import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// The shape the runtime's schema has: step kinds picked by a key, a shared base, value definitions.
import schema from './fixtures/workflow.schema.json' with { type: 'json' };
import { workflowReferencePage, workflowSchemaPages, workflowSidebar } from './workflow-pages.js';
import { readWorkflowSource } from './workflow-source.js';

describe('workflowSchemaPages', () => {
  const pages = workflowSchemaPages(schema);
  const page = (name: string) => pages.find((p) => p.path === `workflow/schema/${name}.md`)?.content ?? '';

  it('writes the workflow object and one page per definition', () => {
    expect(pages.map((p) => p.path)).toEqual([
      'workflow/schema/index.md',
      'workflow/schema/step.md',
      'workflow/schema/step-common.md',
      'workflow/schema/uses-step.md',
      'workflow/schema/branch-step.md',
      'workflow/schema/expression.md',
      'workflow/schema/duration.md',
    ]);
    expect(page('index')).toContain('| `steps` | array of [step](./step.md) | yes |');
  });

  it('titles a step kind by its keys and marks the selecting key required', () => {
    expect(page('branch-step')).toContain('# `if` + `then` step');
    expect(page('branch-step')).toContain('- `if` (from `stepCommon`) is required here.');
    expect(page('uses-step')).toContain(
      '| `uses` | string | yes | What to run: "&lt;connector>/&lt;action>@&lt;range>". |',
    );
  });

  it('expands inline objects, links definitions and names the shared fields', () => {
    const uses = page('uses-step');
    expect(uses).toContain('| `wait.duration` | [duration](./duration.md) | no | A duration, e.g. "30s". |');
    expect(uses).toContain('Also takes the fields of [stepCommon](./step-common.md): `id`, `if`.');
    expect(uses).toContain('- No fields other than these and those of `stepCommon`.');
  });

  it('maps each selecting key to its step kind and lists where a definition is used', () => {
    expect(page('step')).toContain('| `uses` | [usesStep](./uses-step.md) |');
    expect(page('step')).toContain('- Give exactly one of `uses`, `then`.');
    expect(page('step-common')).toContain('The fields every step kind shares.');
    expect(page('expression')).toContain('Type: string. Pattern: `^\\{\\{.*\\}\\}$`.');
    expect(page('expression')).toContain('## Used by\n\n[stepCommon](./step-common.md)');
  });

  it('groups the sidebar into step kinds, objects and values', () => {
    const groups = workflowSidebar(schema).filter((g) => g.items);
    expect(groups.map((g) => [g.text, g.items?.map((i) => i.text)])).toEqual([
      ['Step kinds', ['usesStep', 'branchStep']],
      ['Objects', ['step', 'stepCommon']],
      ['Values and lists', ['expression', 'duration']],
    ]);
  });
});

describe('workflowReferencePage', () => {
  it('keeps the hand-written reference and points to the schema pages under its title', () => {
    const page = workflowReferencePage('# MOVA workflow\n\nText {{ inputs.x }}.\n');
    expect(page.path).toBe('workflow/index.md');
    expect(page.content).toMatch(/^---\ntitle: "Workflow language"\n---\n\n# MOVA workflow\n\n::: tip/);
    expect(page.content).toContain('Text {{ inputs.x }}.');
  });
});

describe('the runtime schema', () => {
  it('gives every definition of the published schema a page', async () => {
    const source = await readWorkflowSource();
    const definitions = Object.keys(source.schema.$defs as object);
    const pages = workflowSchemaPages(source.schema);
    expect(pages).toHaveLength(definitions.length + 1);
    expect(source.reference).toMatch(/^# /);
  });

  it('fails with what to run when the runtime has not built its schema', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mova-docs-runtime-'));
    try {
      const runtime = join(dir, 'node_modules', '@mova', 'runtime');
      await mkdir(runtime, { recursive: true });
      await writeFile(join(dir, 'package.json'), '{}');
      await writeFile(
        join(runtime, 'package.json'),
        JSON.stringify({
          name: '@mova/runtime',
          exports: { './workflow.schema.json': './dist/workflow.schema.json', './package.json': './package.json' },
        }),
      );
      await expect(readWorkflowSource(dir)).rejects.toThrow(
        'The workflow JSON Schema (@mova/runtime/workflow.schema.json) is missing: build the runtime first (`pnpm build` at the repository root).',
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
