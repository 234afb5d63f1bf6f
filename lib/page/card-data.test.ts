import { describe, expect, it, vi } from 'vitest';
import { createCardLoader } from './card-data';
import type { CardResult } from '../messaging/protocol';

const okOfficial: CardResult = { ok: true, profile: { userId: 1, slug: 'a', name: 'a' }, fetchedAt: 0, stale: false };

describe('card loader', () => {
  it('loads both sources in parallel and answers repeats from memory', async () => {
    const official = vi.fn(() => Promise.resolve(okOfficial));
    const web = vi.fn(() => Promise.resolve({ state: 'not_found' as const }));
    const loader = createCardLoader({ official, web, channelSlug: () => 'streamer1' });
    const first = await loader.load('A');
    expect(first).toMatchObject({ status: 'ready', card: { displayName: 'a' } });
    await loader.load('a');
    expect(official).toHaveBeenCalledTimes(1);
    expect(web).toHaveBeenCalledWith('A', 'streamer1');
  });

  it("asks kick.com in a task after the background's question, for the channel shown when the load began", async () => {
    const official = vi.fn(() => Promise.resolve(okOfficial));
    const web = vi.fn(() => Promise.resolve({ state: 'not_found' as const }));
    let slug = 'streamer1';
    const loader = createCardLoader({ official, web, channelSlug: () => slug });
    const loading = loader.load('a');
    slug = 'elsewhere';
    expect(official).toHaveBeenCalledTimes(1);
    // Not in this task, nor in its microtasks.
    await Promise.resolve();
    expect(web).not.toHaveBeenCalled();
    await new Promise((next) => setTimeout(next));
    expect(web).toHaveBeenCalledWith('a', 'streamer1');
    expect(await loading).toMatchObject({ status: 'ready' });
  });

  it('shares one load for the same name in flight, and a forced load goes to the network', async () => {
    const official = vi.fn(() => Promise.resolve(okOfficial));
    const loader = createCardLoader({ official, web: () => Promise.resolve({ state: 'error' }), channelSlug: () => undefined });
    await Promise.all([loader.load('a'), loader.load('a')]);
    expect(official).toHaveBeenCalledTimes(1);
    await loader.load('a', { force: true });
    expect(official).toHaveBeenLastCalledWith('a', true);
  });

  it('shows kick.com data with a connect hint when no account is set up', async () => {
    const loader = createCardLoader({
      official: () => Promise.resolve({ ok: false, error: { code: 'not_configured', message: 'Set up' } }),
      web: () => Promise.resolve({ state: 'ok', profile: { username: 'a', bio: 'hi' } }),
      channelSlug: () => undefined,
    });
    expect(await loader.load('a')).toMatchObject({ status: 'ready', card: { bio: 'hi' }, notice: expect.stringMatching(/Connect a Kick account/) as string });
  });

  it('gives the reason when nothing could be loaded, and does not cache errors', async () => {
    const official = vi.fn(() => Promise.resolve<CardResult>({ ok: false, error: { code: 'rate_limited', message: 'slow', retryAfterSec: 12 } }));
    const loader = createCardLoader({ official, web: () => Promise.resolve({ state: 'error' }), channelSlug: () => undefined });
    expect(await loader.load('a')).toEqual({ status: 'error', error: { code: 'rate_limited', message: 'slow', retryAfterSec: 12 } });
    await loader.load('a');
    expect(official).toHaveBeenCalledTimes(2);
  });

  it('says not found when neither source knows the name', async () => {
    const loader = createCardLoader({
      official: () => Promise.resolve({ ok: false, error: { code: 'not_found', message: 'nope' } }),
      web: () => Promise.resolve({ state: 'not_found' }),
      channelSlug: () => undefined,
    });
    expect(await loader.load('ghost')).toMatchObject({ status: 'error', error: { code: 'not_found' } });
  });

  it('turns a dead background into a readable error instead of hanging', async () => {
    const loader = createCardLoader({
      official: () => Promise.reject(new Error('Extension context invalidated.')),
      web: () => Promise.resolve({ state: 'error' }),
      channelSlug: () => undefined,
    });
    expect(await loader.load('a')).toMatchObject({ status: 'error', error: { code: 'network', message: expect.stringContaining('Extension context invalidated') as string } });
  });

  it('does not remember a card that a passing API failure left incomplete', async () => {
    let answer: CardResult = { ok: false, error: { code: 'server', message: 'Kick answered with an error (503).' } };
    const official = vi.fn(() => Promise.resolve(answer));
    const loader = createCardLoader({ official, web: () => Promise.resolve({ state: 'ok', profile: { username: 'a' } }), channelSlug: () => undefined });
    expect(await loader.load('a')).toMatchObject({ status: 'ready', notice: expect.stringMatching(/503/) as string });
    expect(loader.cached('a')).toBeUndefined();
    answer = okOfficial;
    expect(await loader.load('a')).toMatchObject({ status: 'ready', notice: undefined, card: { displayName: 'a', userId: 1 } });
    expect(loader.cached('a')).toBeDefined();
  });
});

describe('card loader memory in a long session', () => {
  it('keeps a bounded number of cards: 2,000 users hovered, at most maxEntries held', async () => {
    const loader = createCardLoader({
      official: (username) => Promise.resolve({ ok: true, profile: { userId: 1, slug: username.toLowerCase(), name: username }, fetchedAt: 0, stale: false }),
      web: () => Promise.resolve({ state: 'not_found' }),
      channelSlug: () => undefined,
      maxEntries: 100,
    });
    for (let i = 0; i < 2000; i++) await loader.load(`user${i}`);
    expect(loader.size).toBe(100);
    // The most recent stay answerable from memory, the oldest are gone.
    expect(loader.cached('user1999')).toMatchObject({ status: 'ready' });
    expect(loader.cached('user0')).toBeUndefined();
  });

  it('forgets expired cards instead of keeping them', async () => {
    let now = 0;
    const loader = createCardLoader({ official: () => Promise.resolve(okOfficial), web: () => Promise.resolve({ state: 'error' }), channelSlug: () => undefined, ttlMs: 10, now: () => now });
    await loader.load('a');
    now = 20;
    expect(loader.cached('a')).toBeUndefined();
    expect(loader.size).toBe(0);
  });
});

describe('kick.com read failures on the card', () => {
  it('say which part is missing and why, next to the connect hint', async () => {
    const loader = createCardLoader({
      official: () => Promise.resolve({ ok: false, error: { code: 'not_configured', message: 'Set up' } }),
      web: () => Promise.resolve({ state: 'ok', profile: { username: 'a', followersCount: 3 }, failures: [{ part: 'relation', reason: 'kick.com answered 403' }] }),
      channelSlug: () => 'streamer1',
    });
    const state = await loader.load('a');
    expect(state).toMatchObject({ status: 'ready', card: { followersCount: 3 } });
    const notice = (state as { notice: string }).notice;
    expect(notice).toMatch(/Connect a Kick account/);
    expect(notice).toContain('Follow age, subscription and roles in this channel could not be loaded from kick.com (kick.com answered 403).');
  });

  it('make the error card name kick.com’s failure when it was the only source', async () => {
    const loader = createCardLoader({
      official: () => Promise.resolve({ ok: false, error: { code: 'not_configured', message: 'Set up your app.' } }),
      web: () => Promise.resolve({ state: 'error', failures: [{ part: 'channel', reason: 'the request could not be sent' }] }),
      channelSlug: () => undefined,
    });
    expect(await loader.load('a')).toMatchObject({
      status: 'error',
      error: { code: 'not_configured', message: 'Set up your app. Followers, channel age, bio and socials could not be loaded from kick.com (the request could not be sent).' },
    });
  });

  it('are not remembered: the next hover reads kick.com again', async () => {
    const web = vi.fn(() => Promise.resolve({ state: 'ok' as const, profile: { username: 'a' }, failures: [{ part: 'channel' as const, reason: 'kick.com answered 429' }] }));
    const loader = createCardLoader({ official: () => Promise.resolve(okOfficial), web, channelSlug: () => undefined });
    await loader.load('a');
    await loader.load('a');
    expect(web).toHaveBeenCalledTimes(2);
  });
});

describe('the tab’s request budget', () => {
  it('stops loads that would reach Kick once it is spent; remembered cards stay free', async () => {
    const official = vi.fn((username: string) => Promise.resolve<CardResult>({ ok: true, profile: { userId: 1, slug: username, name: username }, fetchedAt: 0, stale: false }));
    const web = vi.fn(() => Promise.resolve({ state: 'not_found' as const }));
    let left = 2;
    const loader = createCardLoader({ official, web, channelSlug: () => undefined, budget: { take: () => left-- > 0, waitMs: () => 3000 } });
    await loader.load('a');
    await loader.load('b');
    expect(await loader.load('c')).toEqual({
      status: 'error', error: { code: 'rate_limited', retryAfterSec: 3, message: 'Too many new cards from this tab in a minute; try again in 3 s.' },
    });
    expect(await loader.load('a')).toMatchObject({ status: 'ready' });
    expect(official).toHaveBeenCalledTimes(2);
    expect(web).toHaveBeenCalledTimes(2);
  });
});
