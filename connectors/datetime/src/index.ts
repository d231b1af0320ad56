import { defineConnector } from '@mova/sdk';
import { addDuration } from './actions/add-duration.js';
import { convertZone } from './actions/convert-zone.js';
import { diffDates } from './actions/diff-dates.js';
import { formatDate } from './actions/format-date.js';
import { getNow } from './actions/get-now.js';
import { nextBusinessDay } from './actions/next-business-day.js';
import { parseDate } from './actions/parse-date.js';
import { roundDate } from './actions/round-date.js';
import { subtractDuration } from './actions/subtract-duration.js';
import { auth } from './auth.js';

export default defineConnector({
  name: 'datetime',
  title: 'Date & Time',
  description:
    'Format and parse dates, add and subtract durations, measure the time between dates, convert time zones, round to periods and count business days, with IANA time zones and locales.',
  categories: ['data-transformation', 'developer-tools'],
  auth,
  actions: [
    getNow,
    formatDate,
    parseDate,
    addDuration,
    subtractDuration,
    diffDates,
    convertZone,
    roundDate,
    nextBusinessDay,
  ],
  // Everything happens on the step's own data inside the sandbox: no network at all.
  network: { allow: [] },
});
