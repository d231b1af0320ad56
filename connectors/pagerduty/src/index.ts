import { defineConnector } from '@mova/sdk';
import { acknowledgeEvent } from './actions/acknowledge-event.js';
import { createIncident } from './actions/create-incident.js';
import { createNote } from './actions/create-note.js';
import { getIncident } from './actions/get-incident.js';
import { listIncidents } from './actions/list-incidents.js';
import { listNotes } from './actions/list-notes.js';
import { resolveEvent } from './actions/resolve-event.js';
import { triggerEvent } from './actions/trigger-event.js';
import { updateIncident } from './actions/update-incident.js';
import { auth } from './auth.js';
import { REGIONS } from './connection.js';
import { newIncidents } from './triggers/new-incidents.js';

export default defineConnector({
  name: 'pagerduty',
  title: 'PagerDuty',
  description:
    'Trigger, acknowledge and resolve alerts through the Events API v2, list, read, create and update incidents, add and read incident notes, and start workflows on new incidents, in the US or EU service region.',
  categories: ['developer-tools', 'devops'],
  auth,
  actions: [
    triggerEvent,
    acknowledgeEvent,
    resolveEvent,
    listIncidents,
    getIncident,
    createIncident,
    updateIncident,
    createNote,
    listNotes,
  ],
  triggers: [newIncidents],
  // Both regions' REST and Events hosts; a proxy in front of either is reached through apiUrl or eventsUrl.
  network: {
    allow: Object.values(REGIONS).flatMap((region) => [new URL(region.api).host, new URL(region.events).host]),
    connectionHosts: ['apiUrl', 'eventsUrl'],
  },
});
