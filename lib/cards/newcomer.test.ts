import { describe, expect, it } from 'vitest';
import { CLOCK_SKEW_MS, DAY_MS, newcomerSignals } from './newcomer';

const NOW = Date.parse('2026-11-23T12:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();
const fmt = (ms: number) => iso(ms);
const ids = (input: Parameters<typeof newcomerSignals>[0]) => newcomerSignals(input, NOW, fmt).map((s) => s.id);

describe('newcomer signals', () => {
  it('says a channel created in the last 7 days, the boundary included, with the exact date', () => {
    expect(newcomerSignals({ channelCreatedAt: iso(NOW - 7 * DAY_MS) }, NOW, fmt)).toEqual([
      { id: 'channel', text: 'Channel created in the last 7 days', detail: `Created ${iso(NOW - 7 * DAY_MS)}` },
    ]);
    expect(ids({ channelCreatedAt: iso(NOW - 7 * DAY_MS - 1) })).toEqual([]);
    expect(ids({ channelCreatedAt: iso(NOW) })).toEqual(['channel']);
  });

  it('says they followed this channel in the last day, the boundary included, naming the channel', () => {
    const signals = newcomerSignals({ followingSince: iso(NOW - DAY_MS), channelSlug: 'streamer1' }, NOW, fmt);
    expect(signals).toEqual([{ id: 'follow', text: 'Followed streamer1 in the last day', detail: `Following since ${iso(NOW - DAY_MS)}` }]);
    expect(ids({ followingSince: iso(NOW - DAY_MS - 1), channelSlug: 'streamer1' })).toEqual([]);
    // A follow date without the channel it is for says nothing.
    expect(ids({ followingSince: iso(NOW) })).toEqual([]);
  });

  it('allows Kick’s clock a few minutes ahead, never a date further in the future', () => {
    expect(ids({ channelCreatedAt: iso(NOW + CLOCK_SKEW_MS) })).toEqual(['channel']);
    expect(ids({ channelCreatedAt: iso(NOW + CLOCK_SKEW_MS + 1) })).toEqual([]);
  });

  it('ignores dates it cannot read, and Kick’s year-1 “never”', () => {
    expect(ids({ channelCreatedAt: 'yesterday', followingSince: '0001-01-01T00:00:00Z', channelSlug: 'streamer1' })).toEqual([]);
    expect(ids({})).toEqual([]);
  });

  it('says a first message in this chat on what the tab saw, and since when', () => {
    const signals = newcomerSignals({ onlyMessage: { at: NOW - 60_000, since: NOW - 3_600_000 } }, NOW, fmt);
    expect(signals).toEqual([
      {
        id: 'first-message',
        text: 'First message in this chat since you opened it',
        detail: `Sent ${iso(NOW - 60_000)}; this tab has read this chat since ${iso(NOW - 3_600_000)}`,
      },
    ]);
  });

  it('says nothing of a message sent before the tab began reading (Kick’s recent messages), a minute’s slack for Kick’s clock', () => {
    expect(ids({ onlyMessage: { at: NOW - 61_000, since: NOW } })).toEqual([]);
    expect(ids({ onlyMessage: { at: NOW - 60_000, since: NOW } })).toEqual(['first-message']);
  });

  it('lists every signal that applies, in a fixed order', () => {
    expect(ids({ channelCreatedAt: iso(NOW - DAY_MS), followingSince: iso(NOW - 1000), channelSlug: 's', onlyMessage: { at: NOW, since: NOW } })).toEqual([
      'channel',
      'follow',
      'first-message',
    ]);
  });
});
