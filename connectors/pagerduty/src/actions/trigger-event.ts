import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { sendEvent } from '../events.js';
import { dedupKeyField, eventResultSchema, routingKeyField } from '../schemas.js';

export const triggerEvent = defineAction({
  auth,
  key: 'events.trigger',
  title: 'Trigger an alert',
  description:
    'Sends a trigger event to a service through the Events API v2: it opens an alert (and usually an incident that pages on-call), or adds to the open alert with the same dedup key.',
  input: Type.Object({
    routingKey: routingKeyField,
    summary: Type.String({ minLength: 1, maxLength: 1024, description: 'What is wrong, as the alert title' }),
    source: Type.String({ minLength: 1, description: 'Where it happens: a host, service or URL, e.g. prod-db-01' }),
    severity: Type.Union(
      [Type.Literal('critical'), Type.Literal('error'), Type.Literal('warning'), Type.Literal('info')],
      { description: 'critical, error, warning or info' },
    ),
    dedupKey: Type.Optional(dedupKeyField('Key that groups repeats into one alert; PagerDuty makes one when left out')),
    timestamp: Type.Optional(
      Type.String({ format: 'date-time', description: 'When the problem was detected (ISO 8601)' }),
    ),
    component: Type.Optional(
      Type.String({ minLength: 1, description: 'Part of the source that is affected, e.g. mysql' }),
    ),
    group: Type.Optional(Type.String({ minLength: 1, description: 'Logical group of components, e.g. app-stack' })),
    class: Type.Optional(Type.String({ minLength: 1, description: 'Class or type of the event, e.g. ping failure' })),
    customDetails: Type.Optional(
      Type.Record(Type.String(), Type.Unknown(), { description: 'Any details to show on the alert (a JSON object)' }),
    ),
    links: Type.Optional(
      Type.Array(
        Type.Object({
          href: Type.String({ format: 'uri', description: 'Link URL' }),
          text: Type.Optional(Type.String({ description: 'Link text' })),
        }),
        { description: 'Links shown on the alert (runbooks, dashboards)' },
      ),
    ),
    client: Type.Optional(Type.String({ minLength: 1, description: 'Name of the monitoring tool that sends it' })),
    clientUrl: Type.Optional(Type.String({ format: 'uri', description: 'Link back to that tool' })),
  }),
  output: eventResultSchema,
  examples: [
    {
      title: 'Page on-call for a failing database',
      input: {
        summary: 'prod-db-01: replication lag over 300 s',
        source: 'prod-db-01',
        severity: 'critical',
        dedupKey: 'prod-db-01/replication-lag',
        customDetails: { lagSeconds: 312 },
      },
      output: { status: 'success', message: 'Event processed', dedupKey: 'prod-db-01/replication-lag' },
    },
  ],
  async run({ input, auth, ctx }) {
    return sendEvent(auth, ctx, input.routingKey, {
      event_action: 'trigger',
      ...(input.dedupKey ? { dedup_key: input.dedupKey } : {}),
      payload: {
        summary: input.summary,
        source: input.source,
        severity: input.severity,
        timestamp: input.timestamp,
        component: input.component,
        group: input.group,
        class: input.class,
        custom_details: input.customDetails,
      },
      links: input.links,
      client: input.client,
      client_url: input.clientUrl,
    });
  },
});
