import type { Cron as CronClass } from 'croner';
import { BUILTIN_NAMES } from '../builtins/builtins.js';
import { formatDuration, parseDuration } from '../duration.js';
import type { WorkflowIssue } from '../errors.js';
import { lazyRequire } from '../lazy-require.js';
import type { Workflow } from './types.js';
import { parseUses } from './uses.js';

// croner (its CommonJS build) loads only to check a schedule trigger, not with every workflow.
const croner = lazyRequire<{ Cron: typeof CronClass }>('croner');

/** The shortest poll interval of a connector trigger. */
export const MIN_POLL_MS = 1000;
/** The longest a webhook with `respond: output` waits for its run. */
export const MAX_WEBHOOK_WAIT_MS = 5 * 60_000;

/** Checks a schema-valid trigger for what the schema cannot say: the cron expression, time zone, durations, `uses`. */
export function checkTrigger(workflow: Workflow): WorkflowIssue[] {
  const trigger = workflow.trigger;
  if (trigger === undefined) return [];
  const issues: WorkflowIssue[] = [];
  if ('schedule' in trigger) {
    const { cron, timezone } = trigger.schedule;
    if (timezone !== undefined && !isTimeZone(timezone)) {
      issues.push({
        pointer: '/trigger/schedule/timezone',
        message: `is not a time zone this runtime knows ("${timezone}")`,
        hint: 'Use an IANA time zone name such as "Europe/Berlin", "America/New_York" or "UTC".',
      });
    }
    try {
      new (croner().Cron)(cron, { paused: true, ...(timezone && isTimeZone(timezone) ? { timezone } : {}) });
    } catch (error) {
      issues.push({
        pointer: '/trigger/schedule/cron',
        message: `is not a valid cron expression: ${(error as Error).message}`,
        hint: 'Write five fields (minute hour day-of-month month day-of-week), or six with seconds first, e.g. "0 9 * * 1-5".',
      });
    }
  } else if ('webhook' in trigger) {
    const ms = trigger.webhook.timeout === undefined ? undefined : parseDuration(trigger.webhook.timeout);
    if (ms !== undefined && (ms <= 0 || ms > MAX_WEBHOOK_WAIT_MS)) {
      issues.push({
        pointer: '/trigger/webhook/timeout',
        message: `must be between 1ms and ${formatDuration(MAX_WEBHOOK_WAIT_MS)}`,
        hint: 'A caller waits this long for the output; longer runs answer 202 with the run id.',
      });
    }
    const signature = trigger.webhook.signature;
    if (signature?.header !== undefined && signature.scheme !== 'hmac') {
      issues.push({
        pointer: '/trigger/webhook/signature/header',
        message: `only applies to the hmac scheme`,
        hint: `The ${signature.scheme} scheme has its own header; remove "header".`,
      });
    }
  } else if ('uses' in trigger) {
    const parsed = parseUses(trigger.uses, BUILTIN_NAMES);
    if (!parsed.ok) issues.push({ pointer: '/trigger/uses', message: parsed.message, hint: parsed.hint });
    else if (parsed.ref.kind !== 'connector') {
      issues.push({
        pointer: '/trigger/uses',
        message: `names the built-in "${trigger.uses}", not a connector trigger`,
        hint: 'Name a connector\'s trigger, e.g. "github/issues.new@^1" (polling) or "github/issues.opened@^1" (webhook).',
      });
    }
    const ms = trigger.every === undefined ? undefined : parseDuration(trigger.every);
    if (ms !== undefined && ms < MIN_POLL_MS) {
      issues.push({
        pointer: '/trigger/every',
        message: `is shorter than ${formatDuration(MIN_POLL_MS)}`,
        hint: 'Poll at most once a second, e.g. "30s" or "5m".',
      });
    }
  }
  return issues;
}

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
