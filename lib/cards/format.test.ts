import { afterEach, describe, expect, it } from 'vitest';
import { formatAge, formatClock, formatCount, formatDay, formatDayClock, formatDuration, formatExact, formatMonthYear, initials, setHourCycle } from './format';

// The card formats by hand (no Intl on the page: format.ts says why); Intl is the oracle it must agree with.
const intlCompact = new Intl.NumberFormat('en', { notation: 'compact', maximumFractionDigits: 1 });
const intlMonthYear = (timeZone?: string) => new Intl.DateTimeFormat('en', { month: 'short', year: 'numeric', timeZone });
const intlDay = (timeZone?: string) => new Intl.DateTimeFormat('en', { day: 'numeric', month: 'short', year: 'numeric', timeZone });

describe('card formatting', () => {
  afterEach(() => setHourCycle(false));

  it('formats counts as Intl’s English compact notation does', () => {
    expect(formatCount(254_300)).toBe('254.3K');
    expect(formatCount(87)).toBe('87');
    const samples = [0, 1, 9, 87, 999, 1000, 1049, 1050, 1150, 1250, 9_999, 10_000, 99_950, 999_949, 999_950, 1_000_000, 1_234_567,
      15_500_000, 999_999_999, 2_500_000_000, 7_777_777_777_777, -1_150, -87];
    // Plus a spread of integers of every size, as viewer and follower counts are.
    for (let e = 0; e < 13; e++) for (const m of [1, 1.05, 1.15, 2.25, 3.35, 4.45, 5.55, 6.65, 9.95, 9.999]) samples.push(Math.round(m * 10 ** e));
    for (const n of samples) expect(formatCount(n), String(n)).toBe(intlCompact.format(n));
  });

  it('formats dates on the viewer’s calendar as Intl’s English short month does, whatever the time zone', () => {
    const tz = process.env.TZ;
    try {
      for (const zone of ['UTC', 'America/New_York', 'Asia/Tokyo']) {
        process.env.TZ = zone;
        for (const iso of ['2022-11-02T18:30:00Z', '2024-01-31T23:59:59Z', '2025-02-28T00:00:00Z', '2026-12-01T00:00:00Z', '2026-11-23T03:30:00Z']) {
          expect(formatMonthYear(iso), `${zone} ${iso}`).toBe(intlMonthYear(zone).format(new Date(iso)));
          expect(formatDay(iso), `${zone} ${iso}`).toBe(intlDay(zone).format(new Date(iso)));
        }
      }
      // The same day as the exact moment shown beside it (newcomer signals).
      process.env.TZ = 'America/New_York';
      expect(formatDay('2026-11-23T03:30:00Z')).toBe('Nov 22, 2026');
      expect(formatExact(Date.parse('2026-11-23T03:30:00Z'))).toBe('Nov 22, 2026, 22:30:00');
    } finally {
      if (tz === undefined) delete process.env.TZ;
      else process.env.TZ = tz;
    }
    expect(formatDay('0001-01-01T00:00:00Z')).toBeNull();
  });

  it('writes local times on the viewer’s clock, 24-hour until told otherwise', () => {
    const at = new Date(2026, 10, 23, 14, 5, 33).getTime();
    const morning = new Date(2026, 10, 23, 0, 7, 9).getTime();
    expect(formatClock(at)).toBe('14:05');
    expect(formatClock(morning)).toBe('00:07');
    expect(formatDayClock(at)).toBe('Nov 23, 14:05');
    expect(formatExact(at)).toBe('Nov 23, 2026, 14:05:33');
    setHourCycle(true);
    expect(formatClock(at)).toBe('2:05 PM');
    expect(formatClock(morning)).toBe('12:07 AM');
    expect(formatDayClock(at)).toBe('Nov 23, 2:05 PM');
    expect(formatExact(morning)).toBe('Nov 23, 2026, 12:07:09 AM');
  });

  it('formats ages and ignores Kick "never" dates', () => {
    const now = Date.parse('2026-11-23T00:00:00Z');
    expect(formatAge('2023-05-01T12:00:00Z', now)).toBe('3 years');
    expect(formatAge('2026-09-01T00:00:00Z', now)).toBe('2 months');
    expect(formatAge('2026-11-20T00:00:00Z', now)).toBe('3 days');
    expect(formatAge('0001-01-01T00:00:00Z', now)).toBeNull();
    expect(formatAge('garbage', now)).toBeNull();
  });

  it('formats durations and initials', () => {
    expect(formatDuration(112 * 60_000)).toBe('1 h 52 min');
    expect(formatDuration(5 * 60_000)).toBe('5 min');
    expect(initials('cool_cat')).toBe('CC');
    expect(initials('streamer1')).toBe('ST');
    expect(initials('')).toBe('?');
  });
});
