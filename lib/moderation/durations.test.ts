import { describe, expect, it } from 'vitest';
import { MAX_TIMEOUT_MINUTES, parseDuration, PRESET_MINUTES, shortDuration } from './durations';

describe('timeout durations', () => {
  it('reads a bare number as minutes, and m, h, d, w as FFZ writes them', () => {
    expect(parseDuration('90')).toEqual({ ok: true, minutes: 90 });
    expect(parseDuration(' 90m ')).toEqual({ ok: true, minutes: 90 });
    expect(parseDuration('2h')).toEqual({ ok: true, minutes: 120 });
    expect(parseDuration('3D')).toEqual({ ok: true, minutes: 4320 });
    expect(parseDuration('1w')).toEqual({ ok: true, minutes: MAX_TIMEOUT_MINUTES });
  });

  it("refuses what Kick cannot take: under a minute, over 7 days, seconds, and anything else", () => {
    expect(parseDuration('')).toEqual({ ok: false, reason: 'empty' });
    expect(parseDuration('0')).toEqual({ ok: false, reason: 'range' });
    expect(parseDuration('10081')).toEqual({ ok: false, reason: 'range' });
    expect(parseDuration('8d')).toEqual({ ok: false, reason: 'range' });
    expect(parseDuration('1mo')).toEqual({ ok: false, reason: 'range' });
    for (const bad of ['30s', '-5', '1.5h', 'h', '1h30m', '10 minutes', '99999999']) expect(parseDuration(bad)).toMatchObject({ ok: false });
  });

  it('labels the presets as the anchors do, and any length in its largest units', () => {
    expect(PRESET_MINUTES.map(shortDuration)).toEqual(['1m', '10m', '1h', '1d']);
    expect(shortDuration(90)).toBe('1h30m');
    expect(shortDuration(MAX_TIMEOUT_MINUTES)).toBe('7d');
  });
});
