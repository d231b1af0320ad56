import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { addBusinessDays } from './business-days.js';

const at = (iso: string, zone = 'UTC') => DateTime.fromISO(iso, { zone });
const standard = { weekend: [6, 7], holidays: [] };

describe('addBusinessDays', () => {
  it('goes from Friday to Monday, keeping the time of day', () => {
    const { date, skipped } = addBusinessDays(at('2024-05-03T09:30'), 1, standard);
    expect(date.toISO()).toBe('2024-05-06T09:30:00.000Z');
    expect(skipped).toEqual(['2024-05-04', '2024-05-05']);
  });

  it('skips holidays and counts several days', () => {
    const calendar = { weekend: [6, 7], holidays: ['2024-12-25', '2024-12-26'] };
    const { date, skipped } = addBusinessDays(at('2024-12-24'), 3, calendar);
    expect(date.toISODate()).toBe('2024-12-31');
    expect(skipped).toEqual(['2024-12-25', '2024-12-26', '2024-12-28', '2024-12-29']);
  });

  it('goes backward for negative days', () => {
    expect(addBusinessDays(at('2024-05-06'), -1, standard).date.toISODate()).toBe('2024-05-03');
  });

  it('stays on a business day for 0 and rolls a weekend day forward', () => {
    expect(addBusinessDays(at('2024-05-06'), 0, standard)).toMatchObject({ skipped: [] });
    expect(addBusinessDays(at('2024-05-04'), 0, standard).date.toISODate()).toBe('2024-05-06');
  });

  it('follows another weekend (Friday and Saturday) and the zone of the date', () => {
    const gulf = { weekend: [5, 6], holidays: [] };
    expect(addBusinessDays(at('2024-05-02T10:00', 'Asia/Dubai'), 1, gulf).date.toISO()).toBe(
      '2024-05-05T10:00:00.000+04:00',
    );
  });
});
