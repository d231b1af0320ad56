import { describe, expect, it } from 'vitest';
import { Auth } from '../auth.js';
import { defineAction, defineConnector } from '../define.js';
import { Type } from '../schema.js';
import { buildManifest } from './build.js';
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
});
