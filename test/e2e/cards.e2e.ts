/// <reference types="chrome" />
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { SEED, type KickSim } from '../kick-sim/index';
import { configureAccount, shadowText, lastOpenTiming, percentile, saveScreenshot, sendFromPage, setExtensionStorage, waitForContentScript, type ExtensionSession } from './harness';
import { withExtensionBrowser } from './lifecycle';
import { chatNameSelector, hoverMentionAndWait } from './name-scenarios';
import { firstOf, planRow } from '../kick-sim/chat-plan';
import { chatroomOfSlug } from '../kick-sim/chat-feed';

let sim: KickSim;
let session: ExtensionSession;
let page: Page;

const card = () => page.locator('[data-kuc-card]');
// Bottom of the sidebar: nothing there opens a card.
const away = () => page.mouse.move(4, page.viewportSize()!.height - 4);

async function openChannel(path = `/${SEED.mainChannel}`) {
  page = await session.context.newPage();
  await page.goto(`https://kick.com${path}`);
  await waitForContentScript(page);
}

async function hoverAndWait(selector: string, username: string) {
  await page.hover(selector);
  await expect.poll(() => card().getAttribute('data-username'), { timeout: 10_000 }).toBe(username);
  await expect.poll(() => card().getAttribute('data-state'), { timeout: 10_000 }).toBe('ready');
}

async function closeCard() {
  await away();
  await expect.poll(() => card().count(), { timeout: 5000 }).toBe(0);
}

withExtensionBrowser((startedSim, startedSession) => {
  sim = startedSim;
  session = startedSession;
});

describe('hover cards with a connected account', () => {
  beforeAll(async () => {
    await configureAccount(session, sim, { connected: true });
    await openChannel();
  });
  afterAll(() => page.close());
  beforeEach(() => closeCard());

  it('opens a full card for a chat name, read from the name button’s text', async () => {
    const realName = planRow(4).who;
    await hoverAndWait('#chatroom-messages div[data-index="4"] button[data-prevent-expand]', realName);
    await expect.poll(() => card().getByTestId('card-name').textContent()).toContain(realName);
    // The same text read by walking the shadow roots by hand, as a check on the harness helper.
    expect(await shadowText(page, '[data-testid="card-name"]')).toContain(realName);
    expect(await card().getAttribute('role')).toBe('dialog');
    expect(await card().getAttribute('aria-modal')).toBe('false');
    await saveScreenshot(page, 'card-chat');
  });

  it('shows live status, followers, channel age, roles and socials for the streamer', async () => {
    await hoverAndWait('#channel-username', 'streamer1');
    const c = card();
    expect(await c.getByTestId('card-live').getAttribute('data-live')).toBe('true');
    expect(await c.getByTestId('card-live').textContent()).toContain('12.3K watching');
    expect(await c.getByTestId('card-followers').textContent()).toBe('254.3K');
    expect(await c.getByTestId('card-channel-created').textContent()).toContain('Nov 2022');
    expect(await c.getByTestId('card-roles').textContent()).toContain('Owner');
    const socials = await c.getByTestId('card-socials').locator('a').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
    expect(socials).toContain('https://x.com/streamer1');
    expect(socials.every((h) => h.startsWith('https://'))).toBe(true);
    await saveScreenshot(page, 'card-streamer');
  });

  // Every kind of chat name on every page variant: page-variants.e2e.ts.
  it.each([
    ['pinned message', '[data-testid="pinned-message-modal"] [data-testid="sent-by"] button', 'streamer1'],
    ['sidebar link', '#sidebar-wrapper a[data-testid^="sidebar-following-channel-"][href="/modmaria"]', 'modmaria'],
    ['channel link', 'main p a[href="/secondstreamer"]', 'secondstreamer'],
  ])('opens the right card on a %s', async (_, selector, expected) => {
    await hoverAndWait(selector, expected);
  });

  it('opens the right card on a plain-text @mention, anchored to the word', async () => {
    const position = firstOf('mention');
    const target = await hoverMentionAndWait(page, `#chatroom-messages div[data-index="${position}"] span.font-normal`, planRow(position).other);
    await closeCard();
    // Plain words beside it open nothing.
    await page.mouse.move(target.right + 40, target.y, { steps: 3 });
    await page.waitForTimeout(700);
    expect(await card().count()).toBe(0);
  });

  it('shows the subscriber, moderator and timed-out states in this channel', async () => {
    await page.evaluate(() => (window as unknown as { __sim: { appendRows(n: number): number } }).__sim.appendRows(10));
    const rowFor = (name: string) => page.locator(chatNameSelector(name));
    await rowFor('subsam').hover();
    await expect.poll(() => card().getAttribute('data-username')).toBe('subsam');
    await expect.poll(() => card().getByTestId('card-relation').textContent()).toContain('14 months');
    await closeCard();
    await rowFor('bannedbob').hover();
    await expect.poll(() => card().getByTestId('card-roles').textContent()).toContain('Timed out');
  });

  it('does not open when a name is only passed over, and starts the prefetch on enter', async () => {
    await setExtensionStorage(session, 'sync', { settings: { hoverDelayMs: 1500, surfaces: allTrue(['chat', 'mention', 'reply', 'pinned', 'channelHeader', 'sidebar', 'link']), fields: allTrue(['banner', 'bio', 'live', 'followers', 'channelCreated', 'relation', 'badges', 'socials']), theme: 'auto', cacheTtlMinutes: 10 } });
    await page.waitForTimeout(300);
    sim.clearLog();
    await page.hover('#sidebar-wrapper a[data-testid^="sidebar-recommended-channel-"][href="/staffsteve"]');
    await page.waitForTimeout(600);
    expect(await card().count()).toBe(0);
    // Prefetch already asked kick.com and the official API (through the background) before the card opened.
    expect(sim.requests({ host: 'web', path: '/api/v2/channels/staffsteve' }).length).toBeGreaterThan(0);
    expect(sim.requests({ host: 'api', path: '/public/v1/channels' }).flatMap((r) => r.query.slug)).toContain('staffsteve');
    await expect.poll(() => card().count(), { timeout: 5000 }).toBe(1);
    await setExtensionStorage(session, 'sync', { settings: null });
    await page.waitForTimeout(300);
  });

  it('stays open while the pointer moves into the card and closes after leaving both', async () => {
    await hoverAndWait('#channel-username', 'streamer1');
    const box = (await card().boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 5 });
    await page.waitForTimeout(700);
    expect(await card().count()).toBe(1);
    await closeCard();
  });

  it('never hides Kick’s own card: a click on a name opens it and ours steps aside', async () => {
    const name = chatNameSelector('modmaria');
    await hoverAndWait(name, 'modmaria');
    await page.click(name);
    await expect.poll(() => page.locator('#user-identity').isVisible()).toBe(true);
    expect(await page.locator('#user-identity').textContent()).toContain('modmaria');
    await expect.poll(() => card().count()).toBe(0);
    // Still usable afterwards.
    await closeCard();
    await page.click('main h1');
    await hoverAndWait('#channel-username', 'streamer1');
  });

  it('closes on Esc', async () => {
    await hoverAndWait('#channel-username', 'streamer1');
    await page.keyboard.press('Escape');
    await expect.poll(() => card().count()).toBe(0);
  });

  it('opens from the keyboard with Alt+ArrowDown, Tab moves into the card, Esc returns focus', async () => {
    const name = page.locator('[data-testid="sent-by"] button');
    await name.focus();
    await page.keyboard.press('Alt+ArrowDown');
    await expect.poll(() => card().getAttribute('data-state')).toBe('ready');
    // The card takes focus once it is placed, in the frame that shows it, which can come after its data: Tab from then on.
    await expect.poll(() => page.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.hasAttribute('data-kuc-card') ?? false)).toBe(true);
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const host = document.activeElement;
      return host?.shadowRoot?.activeElement?.textContent ?? null;
    });
    expect(focused).toBeTruthy();
    await page.keyboard.press('Escape');
    await expect.poll(() => card().count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('streamer1');
  });

  it('keeps hostile bios, names and URLs inert', async () => {
    await page.evaluate(() => (window as unknown as { __sim: { appendRows(n: number): number } }).__sim.appendRows(12));
    await hoverAndWait(chatNameSelector('hostile_hank'), 'hostile_hank');
    const bio = await card().getByTestId('card-bio').textContent();
    expect(bio).toContain('<img src=x onerror="window.__pwned=1">');
    expect(await card().locator('img[src="x"], script').count()).toBe(0);
    const hrefs = await card().locator('a').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
    expect(hrefs.every((h) => h.startsWith('https://'))).toBe(true);
    // Social links are rebuilt from the handle: no redirector, no query.
    expect(hrefs).toContain('https://tiktok.com/@hank');
    expect(hrefs.filter((h) => /evil|redirect|l\.php|\?/.test(h))).toEqual([]);
    expect(await card().locator('.banner img').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    // The clamped bio expands and collapses.
    const bioBox = async () => (await card().getByTestId('card-bio').boundingBox())!.height;
    const clamped = await bioBox();
    await card().getByTestId('card-bio-toggle').click();
    expect(await card().getByTestId('card-bio-toggle').getAttribute('aria-expanded')).toBe('true');
    expect(await bioBox()).toBeGreaterThan(clamped);
    await card().getByTestId('card-bio-toggle').click();
    expect(await bioBox()).toBe(clamped);
  });

  it('copies the username and user id, and says so', async () => {
    await session.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: 'https://kick.com' });
    await hoverAndWait('#channel-username', 'streamer1');
    await card().getByTestId('card-copy-id').click();
    await expect.poll(() => card().getByTestId('card-status').textContent()).toBe('User id copied');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('1001');
    await card().getByTestId('card-copy-name').click();
    await expect.poll(() => card().getByTestId('card-status').textContent()).toBe('Username copied');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('streamer1');
  });

  it('stays inside the viewport at the window edges', async () => {
    await page.setViewportSize({ width: 700, height: 420 });
    for (const selector of ['#chatroom-messages div[data-index] button[data-prevent-expand] >> nth=-1', '#sidebar-wrapper a >> nth=0']) {
      await closeCard();
      await page.locator(selector).scrollIntoViewIfNeeded();
      await page.hover(selector);
      await expect.poll(() => card().getAttribute('data-state'), { timeout: 10_000 }).toBe('ready');
      await page.waitForTimeout(100);
      const box = (await card().boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.y).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(700);
      expect(box.y + box.height).toBeLessThanOrEqual(420 + 1);
    }
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('sits 6 px under its name, at the name’s left edge, also when the page moves <body> with a transform', async () => {
    // A transform on <body> makes it the card's containing block (components/card/card-platform.ts measures where it is).
    const selector = '#channel-username';
    const under = async () => {
      await hoverAndWait(selector, 'streamer1');
      await expect.poll(() => card().getAttribute('data-placed')).toBe('');
      const [name, box] = [(await page.locator(selector).boundingBox())!, (await card().boundingBox())!];
      return { dx: Math.round(box.x - name.x), dy: Math.round(box.y - (name.y + name.height)) };
    };
    try {
      expect(await under()).toEqual({ dx: 0, dy: 6 });
      await closeCard();
      await page.evaluate(() => Object.assign(document.body.style, { transform: 'translate(24px, 18px)' }));
      expect(await under()).toEqual({ dx: 0, dy: 6 });
    } finally {
      await page.evaluate(() => document.body.style.removeProperty('transform'));
    }
  });

  it('keeps working after a 1,000-message burst', async () => {
    await page.evaluate(() => (window as unknown as { __sim: { appendRows(n: number): number } }).__sim.appendRows(1000));
    const last = page.locator('#chatroom-messages div[data-index] button[data-prevent-expand] >> nth=-1');
    const name = (await last.textContent())!;
    await last.scrollIntoViewIfNeeded();
    await hoverAndWait('#chatroom-messages div[data-index] button[data-prevent-expand] >> nth=-1', name);
  });

  it('shows a skeleton of the final size while loading, then the card without a jump', async () => {
    sim.latencyMs = 1200;
    try {
      await page.hover('#sidebar-wrapper a[data-testid^="sidebar-recommended-channel-"][href="/cool-cat"]');
      await expect.poll(() => card().getAttribute('data-state'), { timeout: 5000 }).toBe('loading');
      expect(await card().getByTestId('card-skeleton').count()).toBe(1);
      const loading = (await card().boundingBox())!;
      await expect.poll(() => card().getAttribute('data-state'), { timeout: 10_000 }).toBe('ready');
      const ready = (await card().boundingBox())!;
      expect(ready.width).toBe(loading.width);
      expect(Math.abs(ready.height - loading.height)).toBeLessThanOrEqual(40);
    } finally {
      sim.latencyMs = 0;
    }
  });

  it('explains a rate limit with when to retry, and retries', async () => {
    const off = [
      sim.fault({ host: 'api', path: '/public/v1/channels', status: 429, retryAfter: '9' }),
      sim.fault({ host: 'web', path: /^\/api\/v2\//, status: 500 }),
    ];
    await page.hover('#sidebar-wrapper a[data-testid^="sidebar-following-channel-"][href="/og-olga"]');
    await expect.poll(() => card().getAttribute('data-state'), { timeout: 10_000 }).toBe('error');
    expect(await card().getByTestId('card-error').getAttribute('data-code')).toBe('rate_limited');
    expect(await card().getByTestId('card-error-detail').textContent()).toBe('Too many requests. Try again in 9 s.');
    off.forEach((remove) => remove());
    await card().getByTestId('card-retry').click();
    await expect.poll(() => card().getAttribute('data-state'), { timeout: 10_000 }).toBe('ready');
  });

  it('follows the theme setting', async () => {
    await setExtensionStorage(session, 'sync', { settings: { hoverDelayMs: 300, surfaces: allTrue(['chat', 'mention', 'reply', 'pinned', 'channelHeader', 'sidebar', 'link']), fields: allTrue(['banner', 'bio', 'live', 'followers', 'channelCreated', 'relation', 'badges', 'socials']), theme: 'light', cacheTtlMinutes: 10 } });
    await page.waitForTimeout(300);
    await hoverAndWait('#channel-username', 'streamer1');
    expect(await card().getAttribute('data-theme')).toBe('light');
    await saveScreenshot(page, 'card-light');
    await setExtensionStorage(session, 'sync', { settings: null });
    await page.waitForTimeout(300);
  });

  it('closes on navigation inside the single-page site', async () => {
    await hoverAndWait('#channel-username', 'streamer1');
    await page.evaluate(() => history.pushState({}, '', '/secondstreamer'));
    await expect.poll(() => card().count(), { timeout: 5000 }).toBe(0);
    await page.evaluate(() => history.pushState({}, '', '/streamer1'));
  });

  it('measures hover → card, cached and cold', async () => {
    const times = { cached: [] as number[], cold: [] as number[] };
    const names = ['modmaria', 'vipvictor', 'subsam', 'staffsteve', 'emoji_eve'];
    for (const name of names) {
      for (const kind of ['cold', 'cached'] as const) {
        await closeCard();
        await page.hover(chatNameSelector(name));
        await expect.poll(() => card().getAttribute('data-state'), { timeout: 10_000 }).toBe('ready');
        const t = await lastOpenTiming(page);
        if (t?.username === name) times[kind].push(t.shown - t.intentEnd);
      }
    }
    expect(times.cached.length).toBe(names.length);
    console.info(`hover→card after intent delay: cached median ${percentile(times.cached, 50).toFixed(1)} ms, p95 ${percentile(times.cached, 95).toFixed(1)} ms; cold(prefetched) median ${percentile(times.cold, 50).toFixed(1)} ms, p95 ${percentile(times.cold, 95).toFixed(1)} ms`);
  });
});

describe('a service worker killed mid-flight', () => {
  it('shows what it has with a readable reason, and a retry that works', async () => {
    await configureAccount(session, sim, { connected: true });
    const ext = await session.openExtensionPage('options.html');
    await sendFromPage(ext, 'clearCache', {});
    await openChannel();
    sim.clearLog();
    const removeFault = sim.fault({ host: 'api', path: '/public/v1/channels', delayMs: 4000 });
    await page.hover('#channel-username');
    await expect.poll(() => sim.requests({ host: 'api', path: '/public/v1/channels' }).length, { timeout: 10_000 }).toBe(1);
    const cdp = await session.context.newCDPSession(ext);
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    await expect.poll(() => card().getAttribute('data-state'), { timeout: 15_000 }).toBe('ready');
    expect(await card().getByTestId('card-notice').textContent()).toMatch(/could not answer|did not answer/);
    removeFault();
    await card().getByTestId('card-retry').click();
    await expect.poll(() => card().getByTestId('card-live').getAttribute('data-live'), { timeout: 15_000 }).toBe('true');
    await expect.poll(() => card().getByTestId('card-notice').count()).toBe(0);
    // Nothing was lost: the account survived the killed worker.
    const page2 = await session.openExtensionPage('popup.html');
    await expect.poll(() => page2.getByTestId('popup-state').getAttribute('data-state')).toBe('connected');
    await page2.close();
    await ext.close();
    await page.close();
  });
});

describe('the chat record when the worker that keeps it is stopped', () => {
  it('follows the chat again without a card asking, and says what it holds is not all', async () => {
    await openChannel();
    const chatroomId = chatroomOfSlug(sim, SEED.mainChannel)!;
    const subscribes = () => sim.pusher.received.filter((f) => f.event === 'pusher:subscribe' && f.channel === `chatrooms.${chatroomId}.v2`).length;
    await expect.poll(() => sim.pusher.subscribers(chatroomId), { timeout: 10_000 }).toBe(1);
    const before = subscribes();
    const say = (text: string) => page.evaluate((t) => (window as unknown as { __sim: { say(who: string, text: string): Promise<number> } }).__sim.say('og_olga', t), text);
    const chatlog = async () => {
      await hoverAndWait('#kuc-test-olga', 'og_olga');
      await expect.poll(() => card().getByTestId('card-chatlog-source').textContent(), { timeout: 10_000 }).toMatch(/^Recorded from Kick’s chat since /);
      const texts = await card().getByTestId('card-chatlog').locator('li .msg').allTextContents();
      const source = await card().getByTestId('card-chatlog-source').textContent();
      await closeCard();
      return { texts, source };
    };
    await page.evaluate(() => {
      const a = document.createElement('a');
      a.href = '/og_olga';
      a.id = 'kuc-test-olga';
      a.textContent = 'og_olga';
      a.style.cssText = 'position:fixed;top:200px;left:400px;z-index:9;color:#fff';
      document.body.append(a);
    });
    await say('before the stop');
    const first = await chatlog();
    // Newest first; what og_olga wrote in the chat's scrollback may follow (Kick's recent messages).
    expect(first.texts[0]).toBe('before the stop');
    expect(first.source).not.toMatch(/missed/);

    const ext = await session.openExtensionPage('options.html');
    const cdp = await session.context.newCDPSession(ext);
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    await ext.close();
    // The page's port to the stopped worker closed; the page opens another, which starts a worker that subscribes again.
    await expect.poll(subscribes, { timeout: 15_000 }).toBe(before + 1);
    await expect.poll(() => sim.pusher.subscribers(chatroomId), { timeout: 10_000 }).toBe(1);
    await say('after the restart');
    // The new worker's record starts again from Kick's recent messages (so what was said before the stop is back), and
    // says it may lack what was said while no worker listened.
    await expect.poll(async () => (await chatlog()).texts.slice(0, 2), { timeout: 15_000 }).toEqual(['after the restart', 'before the stop']);
    expect((await chatlog()).source).toMatch(/^Recorded from Kick’s chat since .+, less what it missed or made room for\.$/);
    await page.close();
  });
});

describe('hover cards without an account', () => {
  beforeAll(async () => {
    await setExtensionStorage(session, 'local', { kickApp: null });
    await setExtensionStorage(session, 'secrets', { kickAccount: null, kickClientSecret: null });
    await session.context.serviceWorkers()[0]!.evaluate(() => chrome.storage.session.clear());
    await openChannel();
    sim.clearLog();
  });
  afterAll(() => page.close());

  it('still shows what kick.com knows, and says what connecting adds', async () => {
    await hoverAndWait('#sidebar-wrapper a[data-testid^="sidebar-following-channel-"][href="/vipvictor"]', 'vipvictor');
    expect(await card().getByTestId('card-notice').textContent()).toMatch(/Connect a Kick account/);
    expect(await card().getByTestId('card-followers').textContent()).toBe('1.2K');
    expect(sim.requests({ host: 'api' })).toHaveLength(0);
    await saveScreenshot(page, 'card-not-connected');
  });
});

function allTrue(ids: string[]) {
  return Object.fromEntries(ids.map((id) => [id, true]));
}
