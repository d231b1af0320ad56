import type safeRegexFn from 'safe-regex2';
import type { WorkflowIssue } from '../errors.js';
import { isRecord } from '../is-record.js';
import { pointerJoin } from '../json-pointer.js';
import { lazyRequire } from '../lazy-require.js';

// safe-regex2 and its parser (ret, 13 files) load at the first pattern checked.
const safeRegex = lazyRequire<typeof safeRegexFn>('safe-regex2');

/** Keywords whose values are data, not schemas: a "pattern" inside them is not a regular expression. */
const DATA_KEYWORDS = new Set(['const', 'enum', 'default', 'examples']);

/**
 * The regular expressions of a JSON Schema (`pattern`, `patternProperties` keys) that can take
 * exponential time to match, such as `^(a+)+$` (12 s on 28 characters): a repetition inside a
 * repetition, found by safe-regex2's star-height check. Inputs are matched against them at every
 * run, so such a pattern is refused when the workflow is validated.
 */
export function unsafePatternIssues(schema: unknown, pointer: string): WorkflowIssue[] {
  const issues: WorkflowIssue[] = [];
  const check = (source: string, at: string) => {
    if (isSafe(source)) return;
    issues.push({
      pointer: at,
      message: `is a regular expression that can take exponential time to match (${source})`,
      hint: 'Avoid a repetition inside a repetition: write ^a+$ rather than ^(a+)+$, or ^(ab)*$ with no quantifier inside the group.',
    });
  };
  const stack: [unknown, string][] = [[schema, pointer]];
  while (stack.length > 0) {
    const [value, at] = stack.pop() as [unknown, string];
    if (Array.isArray(value)) {
      value.forEach((item, i) => {
        stack.push([item, pointerJoin(at, i)]);
      });
      continue;
    }
    if (!isRecord(value)) continue;
    for (const [key, child] of Object.entries(value)) {
      if (DATA_KEYWORDS.has(key)) continue;
      const here = pointerJoin(at, key);
      if (key === 'pattern' && typeof child === 'string') check(child, here);
      else if (key === 'patternProperties' && isRecord(child)) {
        for (const name of Object.keys(child)) check(name, pointerJoin(here, name));
        stack.push([child, here]);
      } else stack.push([child, here]);
    }
  }
  return issues;
}

function isSafe(source: string): boolean {
  try {
    return safeRegex()(source);
  } catch {
    // Not parseable as a regular expression: compiling the schema reports it.
    return true;
  }
}
