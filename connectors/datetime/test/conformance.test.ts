import { type ConnectorUnderTest, loadConnector } from '@mova/runtime/testing';
import { actionCalls } from '@mova/sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Every action through the sandbox users run it in (a worker thread with no network: the manifest
// allows no host). Dates need no server; the reference is the calendar itself: results are checked
// against facts fixed by the IANA time zone database (daylight-saving changes of 2024, offsets)
// and against Node's own Intl.DateTimeFormat, which reads the same database independently of Luxon.
let datetime: ConnectorUnderTest;

beforeAll(async () => {
  datetime = await loadConnector({ dir: new URL('..', import.meta.url) });
});
afterAll(async () => {
  await datetime.close();
});

const { run } = actionCalls({ connector: () => datetime });

/** Wall-clock time of an instant in a zone, as Node's Intl (not Luxon) computes it. */
function wallClock(epochMillis: number, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(new Date(epochMillis));
  const get = (type: string) => parts.find((p) => p.type === type)?.value;
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
}

describe('every example in the manifest', () => {
  it('runs, and gives the output it shows where it shows one', async () => {
    expect(datetime.manifest.network).toEqual({ allow: [] });
    for (const action of datetime.manifest.actions) {
      for (const example of action.examples) {
        const output = await run(action.key, example.input);
        if (example.output !== undefined) expect(output, `${action.key}: ${example.title}`).toEqual(example.output);
      }
    }
  });
});

describe('now', () => {
  it('gives the current instant in the zone', async () => {
    const before = Date.now();
    const now = await run('now', { zone: 'Asia/Kolkata' });
    const after = Date.now();
    expect(now.epochMillis).toBeGreaterThanOrEqual(before);
    expect(now.epochMillis).toBeLessThanOrEqual(after);
    expect(now).toMatchObject({ zone: 'Asia/Kolkata', offsetMinutes: 330 });
    expect(`${now.date} ${String(now.time).slice(0, 5)}`).toBe(wallClock(Number(now.epochMillis), 'Asia/Kolkata'));
  });
});

describe('format', () => {
  it('writes custom, named and preset forms in the zone and locale', async () => {
    const date = '2024-11-03T05:30:00Z';
    const cases: [Record<string, unknown>, string][] = [
      [{ format: 'yyyy-MM-dd HH:mm ZZ', zone: 'America/Los_Angeles' }, '2024-11-02 22:30 -07:00'],
      [
        { format: "EEEE d. MMMM yyyy 'um' HH:mm", zone: 'Europe/Berlin', locale: 'de-DE' },
        'Sonntag 3. November 2024 um 06:30',
      ],
      [{ format: 'isoDate', zone: 'Pacific/Auckland' }, '2024-11-03'],
      [{ format: 'http' }, 'Sun, 03 Nov 2024 05:30:00 GMT'],
      [{ format: 'rfc2822', zone: 'Asia/Kolkata' }, 'Sun, 03 Nov 2024 11:00:00 +0530'],
      [{ format: 'sql', zone: 'UTC' }, '2024-11-03 05:30:00.000'],
      [{ format: 'unixSeconds' }, String(Date.UTC(2024, 10, 3, 5, 30) / 1000)],
      [{ format: 'unixMillis' }, String(Date.UTC(2024, 10, 3, 5, 30))],
      [{ format: 'DATE_FULL', locale: 'en-GB' }, '3 November 2024'],
    ];
    for (const [options, expected] of cases) {
      expect((await run('format', { date, ...options })).formatted, JSON.stringify(options)).toBe(expected);
    }
  });

  it('takes epoch milliseconds', async () => {
    expect(await run('format', { date: 0, format: 'iso' })).toEqual({
      formatted: '1970-01-01T00:00:00.000Z',
      iso: '1970-01-01T00:00:00.000Z',
    });
  });
});

describe('parse', () => {
  it('reads a custom layout in a zone', async () => {
    const parsed = await run('parse', {
      text: '31/12/2024 23:45',
      format: 'dd/MM/yyyy HH:mm',
      zone: 'America/Sao_Paulo',
    });
    expect(parsed).toMatchObject({
      iso: '2024-12-31T23:45:00.000-03:00',
      utc: '2025-01-01T02:45:00.000Z',
      date: '2024-12-31',
      year: 2024,
      month: 12,
      day: 31,
      weekday: 2,
      weekdayName: 'Tuesday',
      quarter: 4,
      dayOfYear: 366,
      matched: 'custom',
    });
    expect(parsed.epochMillis).toBe(Date.UTC(2025, 0, 1, 2, 45));
    expect(wallClock(Number(parsed.epochMillis), 'America/Sao_Paulo')).toBe('2024-12-31 23:45');
  });

  it('detects ISO, email, HTTP, SQL and epoch forms', async () => {
    const expectations: [string, string, string][] = [
      ['2024-05-01T10:00:00+02:00', 'iso', '2024-05-01T08:00:00.000Z'],
      ['Wed, 01 May 2024 10:00:00 +0200', 'rfc2822', '2024-05-01T08:00:00.000Z'],
      ['Wed, 01 May 2024 08:00:00 GMT', 'rfc2822', '2024-05-01T08:00:00.000Z'],
      // HTTP's older forms (RFC 850, asctime) that email dates do not use.
      ['Wednesday, 01-May-24 08:00:00 GMT', 'http', '2024-05-01T08:00:00.000Z'],
      ['Wed May  1 08:00:00 2024', 'http', '2024-05-01T08:00:00.000Z'],
      ['2024-05-01 08:00:00', 'sql', '2024-05-01T08:00:00.000Z'],
      ['1714550400', 'unixSeconds', '2024-05-01T08:00:00.000Z'],
      ['1714550400000', 'unixMillis', '2024-05-01T08:00:00.000Z'],
    ];
    for (const [text, matched, utc] of expectations) {
      expect(await run('parse', { text }), text).toMatchObject({ matched, utc });
    }
  });

  it('reads month names in the locale', async () => {
    expect(await run('parse', { text: '3 mars 2024', format: 'd LLLL yyyy', locale: 'fr' })).toMatchObject({
      date: '2024-03-03',
    });
  });

  it('explains text it cannot read, and an unknown zone', async () => {
    const bad = await datetime.run('parse', { text: '2024-13-45', format: 'yyyy-MM-dd' });
    expect(bad).toMatchObject({ status: 'failed', error: { kind: 'invalid_input' } });
    expect(bad.error?.message).toMatch(/13 .* as a month/);
    const words = await datetime.run('parse', { text: 'next tuesday' });
    expect(words).toMatchObject({ status: 'failed', error: { kind: 'invalid_input' } });
    expect(words.error?.hint).toMatch(/format/);
    const zone = await datetime.run('parse', { text: '2024-05-01', zone: 'Mars/Olympus_Mons' });
    expect(zone).toMatchObject({ status: 'failed', error: { kind: 'invalid_input' } });
    expect(zone.error?.message).toMatch(/Mars\/Olympus_Mons/);
  });
});

describe('add and subtract', () => {
  it('keeps the wall-clock time across a daylight-saving change for days, not for hours', async () => {
    // Europe/Berlin moved from +01:00 to +02:00 on 31 March 2024 at 02:00.
    const plusDay = await run('add', { date: '2024-03-30T12:00', duration: { days: 1 }, zone: 'Europe/Berlin' });
    expect(plusDay).toMatchObject({ iso: '2024-03-31T12:00:00.000+02:00', offsetMinutes: 120 });
    const plus24h = await run('add', { date: '2024-03-30T12:00', duration: 'PT24H', zone: 'Europe/Berlin' });
    expect(plus24h).toMatchObject({ iso: '2024-03-31T13:00:00.000+02:00' });
    expect(Number(plus24h.epochMillis) - Number(plusDay.epochMillis)).toBe(3_600_000);
    expect(wallClock(Number(plusDay.epochMillis), 'Europe/Berlin')).toBe('2024-03-31 12:00');
  });

  it('clamps month ends and mixes units', async () => {
    expect(await run('add', { date: '2024-01-31', duration: 'P1M' })).toMatchObject({ date: '2024-02-29' });
    expect(await run('add', { date: '2023-01-31', duration: { months: 1, hours: 36 } })).toMatchObject({
      iso: '2023-03-01T12:00:00.000Z',
    });
    expect(await run('subtract', { date: '2024-03-31T00:00:00Z', duration: { months: 1 } })).toMatchObject({
      date: '2024-02-29',
    });
    expect(
      await run('subtract', { date: '2024-11-03T12:00', duration: { days: 1 }, zone: 'America/New_York' }),
    ).toMatchObject({ iso: '2024-11-02T12:00:00.000-04:00' });
  });

  it('refuses a duration that is not ISO 8601', async () => {
    const result = await datetime.run('add', { date: '2024-01-01', duration: 'three days' });
    expect(result).toMatchObject({ status: 'failed', error: { kind: 'invalid_input' } });
    expect(result.error?.hint).toMatch(/P1D/);
  });
});

describe('difference', () => {
  it('breaks the time down into the units asked, in any order', async () => {
    expect(
      await run('difference', {
        start: '2024-01-15T08:00:00Z',
        end: '2024-03-01T20:00:00Z',
        units: ['hours', 'months', 'days'],
      }),
    ).toEqual({
      values: { months: 1, days: 15, hours: 12 },
      iso: 'P1M15DT12H',
      milliseconds: Date.UTC(2024, 2, 1, 20) - Date.UTC(2024, 0, 15, 8),
    });
  });

  it('counts a calendar day across a daylight-saving change as one day of 23 hours', async () => {
    const day = await run('difference', { start: '2024-03-30T12:00', end: '2024-03-31T12:00', zone: 'Europe/Berlin' });
    expect(day).toEqual({ values: { days: 1 }, iso: 'P1D', milliseconds: 23 * 3_600_000 });
    const hours = await run('difference', {
      start: '2024-03-30T12:00',
      end: '2024-03-31T12:00',
      zone: 'Europe/Berlin',
      units: ['hours'],
    });
    expect(hours.values).toEqual({ hours: 23 });
  });

  it('is negative when the end comes first', async () => {
    expect(await run('difference', { start: '2024-05-02', end: '2024-05-01T12:00:00Z' })).toMatchObject({
      values: { days: -0.5 },
      milliseconds: -43_200_000,
    });
  });
});

describe('convert', () => {
  it('shows the same instant elsewhere, as Intl computes it', async () => {
    const converted = await run('convert', {
      date: '2024-07-01T14:00',
      fromZone: 'Europe/Berlin',
      toZone: 'Asia/Tokyo',
    });
    expect(converted).toMatchObject({
      iso: '2024-07-01T21:00:00.000+09:00',
      utc: '2024-07-01T12:00:00.000Z',
      zone: 'Asia/Tokyo',
    });
    expect(wallClock(Number(converted.epochMillis), 'Asia/Tokyo')).toBe('2024-07-01 21:00');
  });

  it('keeps the wall-clock time on request, and takes fixed offsets', async () => {
    expect(
      await run('convert', {
        date: '2024-05-01T09:00',
        fromZone: 'Europe/Berlin',
        toZone: 'America/New_York',
        keepLocalTime: true,
      }),
    ).toMatchObject({ iso: '2024-05-01T09:00:00.000-04:00', utc: '2024-05-01T13:00:00.000Z' });
    expect(await run('convert', { date: '2024-05-01T09:00:00Z', toZone: 'UTC-03:30' })).toMatchObject({
      iso: '2024-05-01T05:30:00.000-03:30',
      offsetMinutes: -210,
    });
  });
});

describe('round', () => {
  it('moves to the start or end of a period in the zone', async () => {
    expect(await run('round', { date: '2024-02-10T08:00:00Z', period: 'month', to: 'end' })).toMatchObject({
      iso: '2024-02-29T23:59:59.999Z',
    });
    // 1 May 2024 10:00 UTC is 20:00 on a Wednesday in Sydney; its ISO week started on Monday 29 April.
    expect(
      await run('round', { date: '2024-05-01T10:00:00Z', period: 'week', zone: 'Australia/Sydney' }),
    ).toMatchObject({
      iso: '2024-04-29T00:00:00.000+10:00',
      weekday: 1,
    });
    expect(await run('round', { date: '2024-08-15T10:00:00Z', period: 'quarter' })).toMatchObject({
      iso: '2024-07-01T00:00:00.000Z',
    });
  });
});

describe('businessDays.add', () => {
  it('goes from Friday to Monday and over holidays', async () => {
    expect(await run('businessDays.add', { date: '2024-05-03T09:30:00Z' })).toMatchObject({
      iso: '2024-05-06T09:30:00.000Z',
      weekdayName: 'Monday',
      skipped: ['2024-05-04', '2024-05-05'],
    });
    expect(
      await run('businessDays.add', {
        date: '2024-12-24',
        days: 3,
        holidays: ['2024-12-25', '2024-12-26'],
        zone: 'Europe/London',
      }),
    ).toMatchObject({ date: '2024-12-31', skipped: ['2024-12-25', '2024-12-26', '2024-12-28', '2024-12-29'] });
  });

  it('counts back, rolls forward with 0, and follows another weekend', async () => {
    expect(await run('businessDays.add', { date: '2024-05-06', days: -1 })).toMatchObject({ date: '2024-05-03' });
    expect(await run('businessDays.add', { date: '2024-05-05', days: 0 })).toMatchObject({ date: '2024-05-06' });
    expect(await run('businessDays.add', { date: '2024-05-06', days: 0 })).toMatchObject({
      date: '2024-05-06',
      skipped: [],
    });
    expect(
      await run('businessDays.add', { date: '2024-05-02T10:00', weekend: [5, 6], zone: 'Asia/Dubai' }),
    ).toMatchObject({ iso: '2024-05-05T10:00:00.000+04:00', weekdayName: 'Sunday' });
  });

  it('refuses a holiday that is not a date, and a week without a working day', async () => {
    expect(await datetime.run('businessDays.add', { date: '2024-05-06', holidays: ['2024-02-30'] })).toMatchObject({
      status: 'failed',
      error: { kind: 'invalid_input' },
    });
    expect(
      await datetime.run('businessDays.add', { date: '2024-05-06', weekend: [1, 2, 3, 4, 5, 6, 7] }),
    ).toMatchObject({ status: 'failed', error: { kind: 'invalid_input' } });
  });
});
