import { defineAction, Type } from '@mova/sdk';
import { DateTime } from 'luxon';
import { auth } from '../auth.js';
import { describeDate, readZone } from '../dates.js';
import { invalidInput } from '../errors.js';
import { dateTimeOutput, localeField, zoneField } from '../schemas.js';

const NAMED = ['auto', 'iso', 'rfc2822', 'http', 'sql', 'unixSeconds', 'unixMillis'] as const;
type Named = (typeof NAMED)[number];
const isNamed = (format: string): format is Named => (NAMED as readonly string[]).includes(format);

export const parseDate = defineAction({
  auth,
  key: 'parse',
  title: 'Parse a date',
  description:
    'Reads a date from text: ISO 8601, RFC 2822 (email), HTTP, SQL or Unix epoch forms, or any layout described by a Luxon format string ("dd/MM/yyyy HH:mm", "LLL d, yyyy"). Text without an offset is read in the given zone. Gives the instant in every form and its calendar parts.',
  input: Type.Object({
    text: Type.String({ minLength: 1, description: 'The text holding the date, e.g. "01/05/2024 10:30"' }),
    format: Type.String({
      minLength: 1,
      default: 'auto',
      description:
        'How the text is written: "auto" (default: ISO 8601, then RFC 2822, HTTP, SQL, then a number of epoch seconds or milliseconds), a named form (iso, rfc2822, http, sql, unixSeconds, unixMillis), or a Luxon format string such as "dd/MM/yyyy HH:mm"',
    }),
    zone: zoneField('Zone of text without an offset, and of the result'),
    locale: localeField,
  }),
  output: Type.Object({
    ...dateTimeOutput.properties,
    matched: Type.String({
      description: 'The form the text was read as: iso, rfc2822, http, sql, unixSeconds, unixMillis or custom',
    }),
  }),
  examples: [
    {
      title: 'A day-first date in Tokyo time',
      input: { text: '01/05/2024 10:30', format: 'dd/MM/yyyy HH:mm', zone: 'Asia/Tokyo' },
    },
    { title: 'An email Date header', input: { text: 'Wed, 01 May 2024 10:00:00 +0200' } },
  ],
  async run({ input, ctx }) {
    const zone = readZone(input.zone, ctx.actionKey);
    const options = { zone, locale: input.locale };
    const text = input.text.trim();
    const attempts: [Exclude<Named, 'auto'> | 'custom', () => DateTime][] = [];
    const named = isNamed(input.format) ? input.format : undefined;
    const add = (form: Exclude<Named, 'auto'>) => attempts.push([form, readers[form]]);
    const readers: Record<Exclude<Named, 'auto'>, () => DateTime> = {
      iso: () => DateTime.fromISO(text, options),
      rfc2822: () => DateTime.fromRFC2822(text, options),
      http: () => DateTime.fromHTTP(text, options),
      sql: () => DateTime.fromSQL(text, options),
      unixSeconds: () =>
        /^-?\d+(\.\d+)?$/.test(text) ? DateTime.fromSeconds(Number(text), options) : DateTime.invalid('not a number'),
      unixMillis: () =>
        /^-?\d+$/.test(text) ? DateTime.fromMillis(Number(text), options) : DateTime.invalid('not a number'),
    };
    if (named === 'auto') {
      for (const form of ['iso', 'rfc2822', 'http', 'sql'] as const) add(form);
      // A bare number: ten digits or fewer is seconds (until 2286), more is milliseconds.
      if (/^\d{1,10}(\.\d+)?$/.test(text)) add('unixSeconds');
      else if (/^\d{11,}$/.test(text)) add('unixMillis');
    } else if (named) add(named);
    else attempts.push(['custom', () => DateTime.fromFormat(text, input.format, options)]);

    let reason = '';
    for (const [form, read] of attempts) {
      const date = read();
      if (date.isValid) return { ...describeDate(date), matched: form };
      reason ||= date.invalidExplanation ?? date.invalidReason ?? '';
    }
    throw invalidInput(
      `"${input.text}" could not be read as a date${named === 'auto' ? '' : ` in the format "${input.format}"`}${reason ? `: ${reason}` : ''}`,
      ctx.actionKey,
      named === 'auto'
        ? 'Give the layout in `format`, e.g. "dd/MM/yyyy" or "LLL d, yyyy h:mm a" (Luxon tokens).'
        : 'Check the format tokens against the text (Luxon: yyyy year, MM month, dd day, HH hour, mm minute).',
    );
  },
});
