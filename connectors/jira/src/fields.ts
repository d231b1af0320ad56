import { textToAdf } from './adf.js';
import type { Jira } from './client.js';

/** A user reference the way the deployment names users: Cloud by accountId, Data Center by username. */
export function userRef(jira: Pick<Jira, 'deployment'>, id: string): Record<string, string> {
  return jira.deployment === 'cloud' ? { accountId: id } : { name: id };
}

/** Rich text the way the deployment takes it: ADF on Cloud (v3), plain text / wiki markup on Data Center (v2). */
export function richText(jira: Pick<Jira, 'deployment'>, text: string): unknown {
  return jira.deployment === 'cloud' ? textToAdf(text) : text;
}

/** The common issue fields a step names, as Jira's `fields` object, merged over the raw `fields` it also gives. */
export function issueFields(
  jira: Pick<Jira, 'deployment'>,
  input: {
    summary?: string;
    description?: string;
    assigneeId?: string | null;
    priority?: string;
    labels?: string[];
    dueDate?: string;
    fields?: Record<string, unknown>;
  },
): Record<string, unknown> {
  const fields: Record<string, unknown> = { ...input.fields };
  if (input.summary !== undefined) fields.summary = input.summary;
  if (input.description !== undefined) fields.description = richText(jira, input.description);
  if (input.assigneeId !== undefined)
    fields.assignee = input.assigneeId === null ? null : userRef(jira, input.assigneeId);
  if (input.priority !== undefined) fields.priority = { name: input.priority };
  if (input.labels !== undefined) fields.labels = input.labels;
  if (input.dueDate !== undefined) fields.duedate = input.dueDate;
  return fields;
}
