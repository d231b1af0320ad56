import type { JsonSchema, ManifestAction, ManifestAuth } from '@mova/sdk';
import type { PackageFiles } from './package-files.js';
import type { PublishChecks, QualityCriterion } from './types.js';

/** What the score looks at: the latest version's manifest, its tarball and its npm metadata. */
export interface QualityFacts {
  /** Actions and triggers. */
  actions: readonly ManifestAction[];
  auth: Pick<ManifestAuth, 'kind' | 'validate'>;
  files: PackageFiles;
  /** What `mova-connector publish` ran before sending the version; null when published another way. */
  checks: PublishChecks | null;
  deprecated: string | null;
}

export interface Quality {
  /** 0 to 100, the sum of the criteria's points. */
  score: number;
  criteria: QualityCriterion[];
}

// Examples weigh most: they show how to call an action and double as its contract test. The
// weights sum to 100.
const WEIGHTS = {
  descriptions: 15,
  examples: 20,
  outputSchemas: 15,
  readme: 15,
  tests: 15,
  authValidate: 10,
  notDeprecated: 10,
} as const satisfies Record<QualityCriterion['key'], number>;

// Keywords that only annotate: a schema made of these alone says nothing about the value.
const ANNOTATIONS = new Set(['$schema', '$id', '$comment', 'title', 'description', 'default', 'examples']);
const OBJECT_SHAPE = ['properties', 'patternProperties', 'additionalProperties', 'allOf', 'anyOf', 'oneOf', '$ref'];

/**
 * Whether an output schema describes its value: not `{}` (anything), and not a bare
 * `{ type: 'object' }` with no properties.
 */
export function describesOutput(schema: JsonSchema): boolean {
  if (typeof schema !== 'object' || schema === null) return false;
  const keys = Object.keys(schema).filter((key) => !ANNOTATIONS.has(key));
  if (keys.length === 0) return false;
  if (schema.type !== 'object') return true;
  return OBJECT_SHAPE.some((key) => {
    const value = schema[key];
    if (key === 'additionalProperties') return typeof value === 'object' && value !== null;
    if (key === 'properties' || key === 'patternProperties') {
      return typeof value === 'object' && value !== null && Object.keys(value).length > 0;
    }
    return value !== undefined;
  });
}

function share(
  key: 'descriptions' | 'examples' | 'outputSchemas',
  title: string,
  actions: readonly ManifestAction[],
  meets: (action: ManifestAction) => boolean,
  todo: string,
): QualityCriterion {
  const max = WEIGHTS[key];
  if (actions.length === 0) return { key, title, points: 0, max, detail: 'The connector has no actions.' };
  const missing = actions.filter((action) => !meets(action)).map((action) => action.key);
  const met = actions.length - missing.length;
  const detail =
    missing.length === 0
      ? actions.length === 1
        ? 'The action has one.'
        : `All ${actions.length} actions have one.`
      : `${met} of ${actions.length}. ${todo}: ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ', …' : ''}.`;
  return { key, title, points: Math.round((max * met) / actions.length), max, detail };
}

function check(key: QualityCriterion['key'], title: string, met: boolean, yes: string, no: string): QualityCriterion {
  const max = WEIGHTS[key];
  return { key, title, points: met ? max : 0, max, detail: met ? yes : no };
}

/**
 * Tests count when they ran: `mova-connector publish` ran the package's test files (all passed) and
 * recorded how many. A `test` script or test files in the tarball say nothing about whether they run.
 */
function testsCriterion(checks: PublishChecks | null): QualityCriterion {
  const title = 'Tests ran at publish';
  const met = checks !== null && !checks.skipped && checks.testFiles > 0;
  if (met) {
    const detail = `${checks.tests} tests in ${checks.testFiles} test files ran and passed when this version was published.`;
    return check('tests', title, true, detail, '');
  }
  const no =
    checks === null
      ? 'No test run is recorded: publish with `mova-connector publish`, which runs the tests first.'
      : checks.skipped
        ? 'Published with --skip-checks: its tests did not run.'
        : 'No test files ran at publish: add tests (*.test.ts) beside the actions.';
  return check('tests', title, false, '', no);
}

/**
 * Scores a connector version from 0 to 100 and says why, criterion by criterion: how much of it is
 * documented (descriptions, examples, output schemas, README), whether it is tested, whether a
 * connection can be checked before use, and whether it is still maintained.
 * @example
 * qualityOf({ actions: manifest.actions, auth: manifest.auth, files, checks, deprecated: null }).score
 */
export function qualityOf(facts: QualityFacts): Quality {
  const { actions } = facts;
  const criteria = [
    share(
      'descriptions',
      'Actions have descriptions',
      actions,
      (action) => Boolean(action.description?.trim()),
      'Add a description to',
    ),
    share(
      'examples',
      'Actions have examples',
      actions,
      (action) => action.examples.length > 0,
      'Add an example (input and output) to',
    ),
    share(
      'outputSchemas',
      'Actions describe their output',
      actions,
      (action) => describesOutput(action.output),
      'Give an output schema with properties to',
    ),
    check(
      'readme',
      'README in the package',
      facts.files.readme,
      'The package has a README.',
      'No README in the package: add a README.md at the package root.',
    ),
    testsCriterion(facts.checks),
    facts.auth.kind === 'none'
      ? check(
          'authValidate',
          'Connections can be checked',
          true,
          'Needs no credentials, so there is nothing to check.',
          '',
        )
      : check(
          'authValidate',
          'Connections can be checked',
          facts.auth.validate,
          'Auth has a validate() that checks a connection before use.',
          'Auth has no validate(): add one that makes a cheap read-only call, so users learn of bad credentials at once.',
        ),
    check(
      'notDeprecated',
      'Not deprecated',
      facts.deprecated === null,
      'The latest version is not deprecated.',
      `The latest version is deprecated: ${facts.deprecated}`,
    ),
  ];
  return { score: criteria.reduce((sum, c) => sum + c.points, 0), criteria };
}
