import { Auth, buildManifest, defineAction, defineConnector, type ManifestAction, Type } from '@mova/sdk';
import { describe, expect, it } from 'vitest';
import { buildEntry } from '../src/marketplace/entry.js';
import { publishChecksOf } from '../src/marketplace/package-files.js';
import { describesOutput, type QualityFacts, qualityOf } from '../src/marketplace/quality.js';
import type { Packument } from '../src/verdaccio/types.js';

function action(key: string, fields: Partial<ManifestAction> = {}): ManifestAction {
  return {
    key,
    title: key,
    description: `Does ${key}.`,
    input: { type: 'object', properties: {} },
    output: { type: 'object', properties: { id: { type: 'string' } } },
    examples: [{ input: {}, output: { id: '1' } }],
    ...fields,
  };
}

const complete: QualityFacts = {
  actions: [action('a.one'), action('a.two')],
  auth: { kind: 'bearer', validate: true },
  files: { readme: true, testFiles: false },
  checks: { skipped: false, typecheck: 'passed', testFiles: 3, tests: 12 },
  deprecated: null,
};

const points = (facts: QualityFacts) =>
  Object.fromEntries(qualityOf(facts).criteria.map((c) => [c.key, `${c.points}/${c.max}`]));

describe('the quality score', () => {
  it('gives 100 when every criterion is met, and the criteria add up to it', () => {
    const quality = qualityOf(complete);
    expect(quality.score).toBe(100);
    expect(quality.criteria.map((c) => c.max).reduce((a, b) => a + b)).toBe(100);
    expect(quality.criteria.every((c) => c.points === c.max)).toBe(true);
  });

  it('scores the share of actions with descriptions, examples and output schemas, naming the ones missing', () => {
    const facts: QualityFacts = {
      ...complete,
      actions: [
        action('a.one'),
        action('a.two', { description: '  ', examples: [] }),
        action('a.three', { description: undefined, output: {} }),
      ],
    };
    expect(points(facts)).toMatchObject({ descriptions: '5/15', examples: '13/20', outputSchemas: '10/15' });
    const quality = qualityOf(facts);
    expect(quality.score).toBe(5 + 13 + 10 + 15 + 15 + 10 + 10);
    expect(quality.criteria.find((c) => c.key === 'descriptions')?.detail).toBe(
      '1 of 3. Add a description to: a.two, a.three.',
    );
    expect(quality.criteria.find((c) => c.key === 'examples')?.detail).toContain('a.two');
    expect(quality.criteria.find((c) => c.key === 'outputSchemas')?.detail).toContain('a.three');
  });

  it('gives nothing for the action shares when there are no actions', () => {
    expect(points({ ...complete, actions: [] })).toMatchObject({
      descriptions: '0/15',
      examples: '0/20',
      outputSchemas: '0/15',
    });
  });

  it('counts a README, tests that ran at publish, auth validate() and deprecation, saying what to do', () => {
    const bare = qualityOf({
      ...complete,
      files: { readme: false, testFiles: false },
      checks: null,
      auth: { kind: 'apiKey', validate: false },
      deprecated: 'Use @acme/crm2',
    });
    expect(bare.score).toBe(15 + 20 + 15);
    const detail = Object.fromEntries(bare.criteria.map((c) => [c.key, c.detail]));
    expect(detail.readme).toMatch(/add a README\.md/);
    expect(detail.tests).toMatch(/No test run is recorded: publish with `mova-connector publish`/);
    expect(detail.authValidate).toMatch(/add one that makes a cheap read-only call/);
    expect(detail.notDeprecated).toBe('The latest version is deprecated: Use @acme/crm2');

    // Test files in the tarball or a "test" script are no evidence that tests ran.
    expect(points({ ...complete, checks: null, files: { readme: true, testFiles: true } }).tests).toBe('0/15');
    const skipped = qualityOf({ ...complete, checks: { skipped: true } }).criteria.find((c) => c.key === 'tests');
    expect(skipped).toMatchObject({ points: 0, detail: 'Published with --skip-checks: its tests did not run.' });
    const none = { ...complete, checks: { skipped: false, typecheck: 'none', testFiles: 0, tests: 0 } } as const;
    expect(qualityOf(none).criteria.find((c) => c.key === 'tests')?.detail).toMatch(/^No test files ran at publish/);
    expect(qualityOf(complete).criteria.find((c) => c.key === 'tests')?.detail).toBe(
      '12 tests in 3 test files ran and passed when this version was published.',
    );
    // Without credentials there is nothing to validate.
    expect(points({ ...complete, auth: { kind: 'none', validate: false } }).authValidate).toBe('10/10');
  });

  it('tells an output schema that describes its value from one that does not', () => {
    expect(describesOutput({})).toBe(false);
    expect(describesOutput({ description: 'anything' })).toBe(false);
    expect(describesOutput({ type: 'object' })).toBe(false);
    expect(describesOutput({ type: 'object', properties: {} })).toBe(false);
    expect(describesOutput({ type: 'object', additionalProperties: true })).toBe(false);
    expect(describesOutput({ type: 'object', properties: { id: { type: 'string' } } })).toBe(true);
    expect(describesOutput({ type: 'object', additionalProperties: { type: 'number' } })).toBe(true);
    expect(describesOutput({ type: 'object', patternProperties: { '^(.*)$': { type: 'string' } } })).toBe(true);
    expect(describesOutput({ type: 'array', items: { type: 'string' } })).toBe(true);
    expect(describesOutput({ type: 'string' })).toBe(true);
    expect(describesOutput({ anyOf: [{ type: 'string' }, { type: 'null' }] })).toBe(true);
  });

  it('reads the checks publish recorded in package.json, and nothing else', () => {
    const ran = { skipped: false, typecheck: 'passed', testFiles: 2, tests: 9 };
    expect(publishChecksOf({ mova: { checks: ran } })).toEqual(ran);
    expect(publishChecksOf({ mova: { checks: { skipped: true } } })).toEqual({ skipped: true });
    expect(publishChecksOf({ mova: { checks: { ...ran, testFiles: -1 } } })).toBeNull();
    expect(publishChecksOf({ mova: { checks: { skipped: false } } })).toBeNull();
    expect(publishChecksOf({ mova: {} })).toBeNull();
    expect(publishChecksOf(undefined)).toBeNull();
  });

  it('is part of the index entry, from the latest version: its manifest, tarball, scripts and deprecation', () => {
    const documented = defineAction({
      key: 'notes.create',
      title: 'Create a note',
      description: 'Creates a note.',
      input: Type.Object({ text: Type.String({ description: 'The note' }) }),
      output: Type.Object({ id: Type.String() }),
      examples: [{ input: { text: 'hi' }, output: { id: 'n1' } }],
      async run() {
        return { id: 'n1' };
      },
    });
    const bare = defineAction({
      key: 'notes.purge',
      title: 'Purge notes',
      input: Type.Object({}),
      output: Type.Object({}),
      async run() {
        return {};
      },
    });
    const connector = defineConnector({
      name: 'notes',
      title: 'Notes',
      description: 'Notes.',
      categories: ['productivity'],
      auth: Auth.apiKey({ in: 'header', name: 'X-Key', validate: async () => {} }),
      actions: [documented, bare],
    });
    const packument: Packument = {
      name: '@acme/notes',
      'dist-tags': { latest: '1.1.0' },
      versions: {
        '1.0.0': { name: '@acme/notes', version: '1.0.0' },
        '1.1.0': {
          name: '@acme/notes',
          version: '1.1.0',
          mova: { checks: { skipped: false, typecheck: 'passed', testFiles: 1, tests: 4 } },
          deprecated: 'Moved',
        },
      },
    };
    const manifests = new Map([
      ['1.0.0', { kind: 'missing' as const }],
      [
        '1.1.0',
        {
          kind: 'found' as const,
          manifest: buildManifest(connector, { name: '@acme/notes', version: '1.1.0' }),
          files: { readme: false, testFiles: false },
        },
      ],
    ]);
    const entry = buildEntry(packument, manifests);
    expect(entry?.qualityCriteria.map((c) => [c.key, c.points])).toEqual([
      ['descriptions', 8],
      ['examples', 10],
      ['outputSchemas', 8],
      ['readme', 0],
      ['tests', 15],
      ['authValidate', 10],
      ['notDeprecated', 0],
    ]);
    expect(entry?.quality).toBe(51);
    expect(entry?.checks).toEqual({ skipped: false, typecheck: 'passed', testFiles: 1, tests: 4 });
    expect(entry?.actions[0]?.examples).toEqual([{ input: { text: 'hi' }, output: { id: 'n1' } }]);
  });
});
