import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { invalid, withJira } from '../client.js';
import { issueFields, richText } from '../fields.js';
import { issueKeyInput } from '../issue.js';

interface Transition {
  id?: string;
  name?: string;
  to?: { name?: string };
}

/**
 * The transition a step names: by id, by its name, or by the status it leads to (case-blind),
 * among those the issue's workflow offers now.
 */
export function pickTransition(transitions: readonly Transition[], wanted: string): Transition | undefined {
  const w = wanted.trim().toLowerCase();
  return (
    transitions.find((t) => t.id === wanted.trim()) ??
    transitions.find((t) => t.name?.toLowerCase() === w) ??
    transitions.find((t) => t.to?.name?.toLowerCase() === w)
  );
}

export const transitionIssue = defineAction({
  auth,
  key: 'issues.transition',
  title: 'Transition an issue',
  description:
    'Moves an issue through its workflow (e.g. To Do → In Progress → Done) by transition name, transition id or target status name, optionally setting a resolution or other screen fields and adding a comment.',
  input: Type.Object({
    issueKey: issueKeyInput,
    transition: Type.String({
      minLength: 1,
      description:
        'Transition name (e.g. "Start progress"), its id (e.g. "21"), or the status it leads to (e.g. "Done")',
    }),
    resolution: Type.Optional(Type.String({ minLength: 1, description: 'Resolution to set, e.g. Fixed or Done' })),
    comment: Type.Optional(
      Type.String({ minLength: 1, description: 'Comment to add with the transition (plain text)' }),
    ),
    fields: Type.Optional(
      Type.Record(Type.String(), Type.Unknown(), {
        description: 'Fields the transition screen takes, by id',
      }),
    ),
  }),
  output: Type.Object({
    key: Type.String({ description: 'The issue that moved' }),
    transitionId: Type.String({ description: 'Id of the transition performed' }),
    transitionName: Type.String({ description: 'Name of the transition performed' }),
    status: Type.String({ description: 'The status the issue is now in' }),
  }),
  examples: [
    { title: 'Start work', input: { issueKey: 'PROJ-1', transition: 'In Progress' } },
    {
      title: 'Close with a resolution',
      input: { issueKey: 'PROJ-1', transition: 'Done', resolution: 'Done', comment: 'Fixed in release 2.4' },
    },
  ],
  async run({ input, auth, ctx }) {
    return withJira(auth, ctx, async (jira) => {
      const list =
        jira.deployment === 'cloud'
          ? await jira.v3.issues.getTransitions({ issueIdOrKey: input.issueKey })
          : await jira.v2.issues.getTransitions({ issueIdOrKey: input.issueKey });
      const available = list.transitions ?? [];
      const chosen = pickTransition(available, input.transition);
      if (!chosen?.id) {
        const names = available.map((t) => `${t.name ?? '?'} (id ${t.id ?? '?'} → ${t.to?.name ?? '?'})`).join(', ');
        throw invalid(
          `${input.issueKey} has no transition "${input.transition}" from its current status`,
          ctx.actionKey,
          names ? `Available now: ${names}.` : 'The workflow offers no transition to this account now.',
        );
      }
      const fields = {
        ...issueFields(jira, { fields: input.fields }),
        ...(input.resolution ? { resolution: { name: input.resolution } } : {}),
      };
      const update = input.comment ? { comment: [{ add: { body: richText(jira, input.comment) } }] } : undefined;
      const params = {
        issueIdOrKey: input.issueKey,
        transition: { id: chosen.id },
        fields: Object.keys(fields).length > 0 ? fields : undefined,
        update,
      };
      if (jira.deployment === 'cloud') await jira.v3.issues.doTransition(params);
      else await jira.v2.issues.doTransition(params);
      return {
        key: input.issueKey,
        transitionId: chosen.id,
        transitionName: chosen.name ?? chosen.id,
        status: chosen.to?.name ?? '',
      };
    });
  },
});
