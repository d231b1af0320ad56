import type { Workflow } from '@mova/runtime';
import type { ConnectorStepUsage } from '@mova/runtime/workflow-tools';
import { workflowUsage } from '@mova/runtime/workflow-tools';
import type { ManifestChange } from '@mova/sdk';
import { describe, expect, it } from 'vitest';
import { breaksStep, placeOf, rewritable } from './usage-breaks.js';

function step(with_: unknown, reads: string[] = []): ConnectorStepUsage {
  const document = {
    mova: '1.0',
    name: 'w',
    steps: [
      { id: 'a', uses: 'tracker/issues.create@^1', with: with_ },
      { id: 'b', set: reads.map((read) => `{{ ${read} }}`) },
    ],
    output: {},
  } as Workflow;
  const [usage] = workflowUsage(document);
  if (!usage) throw new Error('no step');
  return usage;
}

const change = (pointer: string, extra: Partial<ManifestChange> = {}): ManifestChange => ({
  kind: 'breaking',
  pointer,
  message: pointer,
  ...extra,
});
const input = (path: string) => `/actions/issues.create/input${path}`;
const output = (path: string) => `/actions/issues.create/output${path}`;

describe('placeOf', () => {
  it('reads fields through items, records and union branches, and stops at a keyword', () => {
    expect(placeOf(change(output('/properties/labels/items/properties/name/type')))).toEqual({
      scope: 'field',
      noun: 'action',
      key: 'issues.create',
      flow: 'output',
      path: ['labels', 'name'],
    });
    expect(placeOf(change(input('/properties/meta/patternProperties/%5E.*%24/anyOf/1')))).toMatchObject({
      path: ['meta', '*'],
    });
    expect(placeOf(change('/auth/schema/properties/key'))).toEqual({ scope: 'connector' });
    expect(placeOf(change('/actions/issues.create'))).toEqual({
      scope: 'operation',
      noun: 'action',
      key: 'issues.create',
    });
    expect(placeOf(change(input('/required'), { field: input('/properties/body') }))).toMatchObject({ path: ['body'] });
  });
});

describe('breaksStep', () => {
  it('an input change reaches only steps that send the field', () => {
    const sends = step({ title: 'x', meta: { tag: 'a' } });
    expect(breaksStep(change(input('/properties/title/maxLength')), sends)).toBe(true);
    expect(breaksStep(change(input('/properties/body')), sends)).toBe(false);
    expect(breaksStep(change(input('/properties/meta/properties/tag')), sends)).toBe(true);
    expect(breaksStep(change(input('/properties/meta/properties/other')), sends)).toBe(false);
    // Under an expression anything may be sent.
    expect(breaksStep(change(input('/properties/meta/properties/other')), step({ meta: '{{ inputs.meta }}' }))).toBe(
      true,
    );
    expect(breaksStep(change(input('/properties/anything')), step('{{ inputs }}'))).toBe(true);
  });

  it('a new required input breaks only steps that do not send it, and not under a parent they leave out', () => {
    const required = (path: string) => change(input(path), { requires: true });
    expect(breaksStep(required('/properties/body'), step({ title: 'x' }))).toBe(true);
    expect(breaksStep(required('/properties/body'), step({ title: 'x', body: 'y' }))).toBe(false);
    expect(breaksStep(required('/properties/meta/properties/tag'), step({ title: 'x' }))).toBe(false);
    expect(breaksStep(required('/properties/meta/properties/tag'), step({ meta: {} }))).toBe(true);
  });

  it('an output change reaches reads of the field, of a parent, or below it', () => {
    const reads = step({}, ['steps.a.output.user.login']);
    expect(breaksStep(change(output('/properties/user/properties/login')), reads)).toBe(true);
    expect(breaksStep(change(output('/properties/user/type')), reads)).toBe(true);
    expect(breaksStep(change(output('/properties/user/properties/id')), reads)).toBe(false);
    expect(breaksStep(change(output('/properties/url')), reads)).toBe(false);
    expect(breaksStep(change(output('/properties/url')), step({}, ['steps.a.output']))).toBe(true);
    expect(breaksStep(change(output('/properties/url')), step({}, ['steps.a.status']))).toBe(false);
    expect(breaksStep(change('/actions/issues.get'), reads)).toBe(false);
  });
});

describe('rewritable', () => {
  const rename = (pointer: string, from: string, to: string) => change(pointer, { rename: { from, to } });
  it('rewrites reads at or below a renamed output field, not reads of its parent', () => {
    const login = rename(output('/properties/user/properties/login'), 'user.login', 'user.handle');
    expect(rewritable(login, step({}, ['steps.a.output.user.login']))).toBe(true);
    expect(rewritable(login, step({}, ['steps.a.output.user']))).toBe(false);
    expect(rewritable(login, step({}, ['steps.a.output.url']))).toBe(true);
  });
  it('rewrites a renamed with key unless it sits under an expression', () => {
    const repo = rename(input('/properties/meta/properties/repo'), 'meta.repo', 'meta.repository');
    expect(rewritable(repo, step({ meta: { repo: 'x' } }))).toBe(true);
    expect(rewritable(repo, step({ meta: '{{ inputs.meta }}' }))).toBe(false);
  });
});
