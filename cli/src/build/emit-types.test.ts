import { Auth, buildManifest, defineAction, defineConnector, Type } from '@mova/sdk';
import { describe, expect, it } from 'vitest';
import { emitTypes } from './emit-types.js';

describe('emitTypes', () => {
  it('declares input and output types per action and a map by key', async () => {
    const create = defineAction({
      key: 'issues.create',
      title: 'Create',
      input: Type.Object({ title: Type.String(), labels: Type.Optional(Type.Array(Type.String())) }),
      output: Type.Object({ number: Type.Integer(), meta: Type.Record(Type.String(), Type.Number()) }),
      async run() {
        return { number: 1, meta: {} };
      },
    });
    const connector = defineConnector({
      name: 'git-hub',
      title: 'G',
      description: 'G',
      categories: [],
      auth: Auth.none(),
      actions: [create],
    });
    const text = await emitTypes(buildManifest(connector, { name: '@mova/connector-git-hub', version: '2.0.0' }));
    expect(text).toContain('export interface GitHubIssuesCreateInput {\n  title: string;\n  labels?: string[];\n}');
    expect(text).toContain(
      'export interface GitHubIssuesCreateOutput {\n  number: number;\n  meta: {\n    [k: string]: number;\n  };\n}',
    );
    expect(text).not.toContain('referenced by');
    expect(text).toContain('"issues.create": { input: GitHubIssuesCreateInput; output: GitHubIssuesCreateOutput };');
  });

  it('emits input types with defaulted fields optional', async () => {
    const list = defineAction({
      key: 'items.list',
      title: 'List items',
      input: Type.Object({
        folder: Type.String(),
        limit: Type.Integer({ default: 30 }),
        sort: Type.Object({
          by: Type.String({ default: 'name' }),
          order: Type.Union([Type.Literal('asc'), Type.Literal('desc')]),
        }),
      }),
      output: Type.Object({ count: Type.Integer({ default: 0 }) }),
      async run() {
        return { count: 0 };
      },
    });
    const connector = defineConnector({
      name: 'items',
      title: 'Items',
      description: 'Items.',
      categories: [],
      auth: Auth.none(),
      actions: [list],
    });
    const text = await emitTypes(buildManifest(connector, { name: '@acme/connector-items', version: '1.0.0' }));
    expect(text).toMatch(
      /export interface ItemsItemsListInput \{\n(.*\n)*? {2}folder: string;\n(.*\n)*? {2}limit\?: number;\n/,
    );
    expect(text).toContain('  sort: {\n    by?: string;\n    order: "asc" | "desc";\n  };');
    expect(text).toContain('export interface ItemsItemsListOutput {\n  count: number;\n}');
  });
});
