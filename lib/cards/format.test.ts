import { describe, expect, it } from 'vitest';
import { formatAge, formatCount, formatDuration, formatMonthYear, initials } from './format';

describe('card formatting', () => {
  it('formats counts compactly', () => {
    expect(formatCount(254_300)).toBe('254.3K');
    expect(formatCount(87)).toBe('87');
  });
  it('formats ages and ignores Kick "never" dates', () => {
    const now = Date.parse('2026-11-23T00:00:00Z');
    expect(formatAge('2023-05-01T12:00:00Z', now)).toBe('3 years');
    expect(formatAge('2026-09-01T00:00:00Z', now)).toBe('2 months');
    expect(formatAge('2026-11-20T00:00:00Z', now)).toBe('3 days');
    expect(formatAge('0001-01-01T00:00:00Z', now)).toBeNull();
    expect(formatAge('garbage', now)).toBeNull();
    expect(formatMonthYear('2022-11-02T18:30:00Z')).toBe('Nov 2022');
  });
  it('formats durations and initials', () => {
    expect(formatDuration(112 * 60_000)).toBe('1 h 52 min');
    expect(formatDuration(5 * 60_000)).toBe('5 min');
    expect(initials('cool_cat')).toBe('CC');
    expect(initials('streamer1')).toBe('ST');
    expect(initials('')).toBe('?');
  });
});
