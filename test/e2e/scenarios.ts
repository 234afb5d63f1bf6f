import { describe, expect, it } from 'vitest';
import { HOSTILE_MESSAGE, SEED } from '../kick-sim/index';
import { chatroomOfSlug } from '../kick-sim/chat-feed';
import { channelIdOf } from '../kick-sim/http-types';
import type { BrowserDriver, UiPage } from './driver';

/**
 * What a user does with the extension, written once for every browser: each browser's test file
 * calls `userScenarios` with its driver. The steps run in order and build on each other, from a
 * fresh install to a connected account and back. Hover targets are the channel header, a sidebar
 * link and links the test adds, not chat rows, whose markup changes more often.
 */

interface CardView {
  username: string | null;
  state: string | null;
  live: string | null;
  /** Text of each element in the card with a data-testid. */
  parts: Record<string, string>;
  /** "Their messages here": which source, each message's text, its emotes (`alt src`), and any markup a message let in. */
  chatlog: { source: string | null; messages: string[]; emotes: string[]; images: number } | null;
  /** The data-testid of what has focus inside the card's shadow root. */
  focused: string | null;
}

/** The open card, read through the content script's (open) shadow root. */
export function readCard(page: UiPage): Promise<CardView | null> {
  return page.evaluate(() => {
    const find = (root: Document | ShadowRoot): Element | null => {
      const hit = root.querySelector('[data-kuc-card]');
      if (hit) return hit;
      for (const el of root.querySelectorAll('*')) {
        const inner = el.shadowRoot ? find(el.shadowRoot) : null;
        if (inner) return inner;
      }
      return null;
    };
    const card = find(document);
    if (!card) return null;
    const parts: Record<string, string> = {};
    for (const el of card.querySelectorAll('[data-testid]')) parts[el.getAttribute('data-testid')!] ??= el.textContent ?? '';
    const log = card.querySelector('[data-testid="card-chatlog"]');
    return {
      username: card.getAttribute('data-username'),
      state: card.getAttribute('data-state'),
      live: card.querySelector('[data-testid="card-live"]')?.getAttribute('data-live') ?? null,
      parts,
      chatlog: log && {
        source: log.getAttribute('data-source'),
        messages: [...log.querySelectorAll('li .msg')].map((m) => m.textContent ?? ''),
        emotes: [...log.querySelectorAll('li img')].map((img) => `${img.getAttribute('alt')} ${img.getAttribute('src')}`),
        images: card.querySelectorAll('img[src="x"], script').length,
      },
      focused: (card.getRootNode() as ShadowRoot).activeElement?.getAttribute('data-testid') ?? null,
    };
  }, undefined);
}

/** Clicks a button of the open card as the card's own code sees a click (the card is in a shadow root). */
export async function clickInCard(page: UiPage, testid: string): Promise<void> {
  await page.evaluate((id) => {
    const host = document.querySelector('kick-user-cards');
    host?.shadowRoot?.querySelector<HTMLElement>(`[data-testid="${id}"]`)?.click();
  }, testid);
}

export async function openCard(page: UiPage, selector: string, username: string): Promise<CardView> {
  await page.hover(selector);
  await expect.poll(async () => (await readCard(page))?.username, { timeout: 10_000 }).toBe(username);
  await expect.poll(async () => (await readCard(page))?.state, { timeout: 10_000 }).not.toBe('loading');
  return (await readCard(page))!;
}

export async function closeCard(page: UiPage): Promise<void> {
  const height = await page.evaluate(() => innerHeight, undefined);
  await page.mouseMove(2, height - 2);
  await expect.poll(() => readCard(page), { timeout: 5000 }).toBeNull();
}

/** A link to a channel, added by the test so the hover target does not depend on Kick's markup. */
export async function addLink(page: UiPage, slug: string): Promise<string> {
  const id = `kuc-test-link-${slug}`;
  await page.evaluate(
    ([s, i]) => {
      const a = document.createElement('a');
      a.href = `/${s}`;
      a.id = i;
      a.textContent = s;
      a.style.cssText = 'position:fixed;left:45%;top:45%;z-index:99999;padding:6px;background:#222;color:#fff';
      document.body.append(a);
    },
    [slug, id] as const,
  );
  return `#${id}`;
}

export const attr = (page: UiPage, selector: string, name: string) =>
  page.evaluate(([s, n]) => document.querySelector(s)?.getAttribute(n) ?? null, [selector, name] as const);
export const text = (page: UiPage, selector: string) => page.evaluate((s) => document.querySelector(s)?.textContent ?? null, selector);
export const popupState = (popup: UiPage) => attr(popup, '[data-testid="popup-state"]', 'data-state');
export const accountState = (options: UiPage) => attr(options, '[data-testid="opt-account"]', 'data-state');

/** The tab whose content script reported its layout last: the kick.com page the test just opened. */
async function newestKickTab(d: BrowserDriver): Promise<string> {
  let id: string | undefined;
  await expect
    .poll(async () => {
      const layouts = Object.entries(await d.getStorage('session')).filter(([k]) => k.startsWith('layout:')) as [string, { at: number }][];
      id = layouts.sort(([, a], [, b]) => b.at - a.at)[0]?.[0].slice('layout:'.length);
      return id;
    }, { timeout: 10_000 })
    .toBeDefined();
  return id!;
}

/** Signs the page's browser in on kick.com itself (not the extension): the session cookie kick.com's login sets. */
export async function signInOnKick(page: UiPage, token: string | null): Promise<void> {
  await page.evaluate(
    (t) => void (document.cookie = t === null ? 'session_token=; path=/; secure; max-age=0' : `session_token=${encodeURIComponent(t)}; path=/; secure`),
    token,
  );
}

/** The id of the tab whose content script reported under `prefix` (the popup is opened for it with ?tab=). */
async function tabIdFor(d: BrowserDriver, prefix: 'webFailures:' | 'layout:'): Promise<string> {
  let id: string | undefined;
  await expect
    .poll(async () => (id = Object.keys(await d.getStorage('session')).find((k) => k.startsWith(prefix))?.slice(prefix.length)), { timeout: 10_000 })
    .toBeDefined();
  return id!;
}

export function userScenarios(driver: () => BrowserDriver): void {
  let options: UiPage;

  describe('a user from a fresh install to a connected account and back', () => {
    it('the popup says the extension is not configured, with the way to fix it', async () => {
      const popup = await driver().openExtensionPage('popup.html');
      await expect.poll(() => popupState(popup)).toBe('not_configured');
      expect(await text(popup, '[data-testid="popup-open-options"]')).toBe('Open options');
      await popup.close();
    });

    it('a card without an account shows what kick.com knows, read like the site’s own calls', async () => {
      const d = driver();
      // A cookie of the site's, to see whether it goes along with the reads: set before the page below loads, so that
      // every read it makes carries it, also one it makes at start-up (Kick's recent messages, once the chat is followed),
      // which may reach the simulator after its log is cleared.
      const before = await d.openKick(`/${SEED.mainChannel}`);
      await before.evaluate(() => void (document.cookie = 'kuc_probe=1; path=/; secure'), undefined);
      await before.close();
      const page = await d.openKick(`/${SEED.mainChannel}`);
      d.sim.clearLog();

      const streamer = await openCard(page, '#channel-username', 'streamer1');
      expect(streamer.state).toBe('ready');
      expect(streamer.parts['card-followers']).toBe('254.3K');
      expect(streamer.parts['card-channel-created']).toContain('Nov 2022');
      expect(streamer.parts['card-roles']).toContain('Owner');
      expect(streamer.live).toBe('true');
      expect(streamer.parts['card-notice']).toMatch(/Connect a Kick account/);
      expect(streamer.parts['card-notice']).not.toMatch(/could not be loaded/);
      await closeCard(page);

      const mod = await openCard(page, '#sidebar-wrapper a[href="/modmaria"]', 'modmaria');
      expect(mod.state).toBe('ready');
      expect(mod.parts['card-relation']).toMatch(/Following streamer1\s*since May 1, 2023/);
      expect(mod.parts['card-roles']).toContain('Moderator');
      await closeCard(page);

      const reads = d.sim.requests({ host: 'web', path: /^\/api\/v2\// });
      expect(reads.length).toBeGreaterThanOrEqual(4);
      for (const read of reads) {
        expect(read.status, read.path).toBe(200);
        expect(read.site).toMatchObject({ fetchSite: 'same-origin', referer: `https://kick.com/${SEED.mainChannel}` });
        expect([undefined, 'https://kick.com']).toContain(read.site?.origin);
        expect(read.site?.cookies).toContain('kuc_probe');
      }
      await page.close();
    });

    it('a kick.com read that fails is named on the card and counted in the popup', async () => {
      const d = driver();
      const stop = d.sim.fault({ host: 'web', path: /^\/api\/v2\/channels\/[^/]+\/users\//, status: 403 });
      try {
        const page = await d.openKick(`/${SEED.mainChannel}`);
        const card = await openCard(page, await addLink(page, 'vipvictor'), 'vipvictor');
        expect(card.state).toBe('ready');
        expect(card.parts['card-followers']).toBeDefined();
        expect(card.parts['card-notice']).toContain('Follow age, subscription and roles in this channel could not be loaded from kick.com (kick.com answered 403).');

        const tab = await tabIdFor(d, 'webFailures:');
        const popup = await d.openExtensionPage(`popup.html?tab=${tab}`);
        await expect.poll(() => attr(popup, '[data-testid="popup-web-failures"]', 'data-count')).toBe('1');
        expect(await text(popup, '[data-testid="popup-web-failures"]')).toMatch(/1 read from kick\.com failed on this tab.*kick\.com answered 403/);
        await popup.close();
        await page.close();
      } finally {
        stop();
      }
    });

    it('the options page shows this browser’s redirect URI, validates the app inline and saves it', async () => {
      const d = driver();
      options = await d.openExtensionPage('options.html');
      expect(await text(options, '[data-testid="opt-redirect-uri"]')).toBe(d.redirectUri);
      await options.click('[data-testid="opt-save"]');
      await expect.poll(() => options.evaluate(() => document.body.textContent, undefined)).toMatch(/Client ID is required\..*Client secret is required\./s);
      await options.fill('[data-testid="opt-client-id"]', 'sim client id with spaces');
      await options.click('[data-testid="opt-save"]');
      await expect.poll(() => options.evaluate(() => document.body.textContent, undefined)).toMatch(/characters Kick never uses/);
      expect(await d.getStorage('local')).not.toHaveProperty('kickApp');

      await options.fill('[data-testid="opt-client-id"]', d.sim.app.clientId);
      await options.fill('[data-testid="opt-client-secret"]', d.sim.app.clientSecret);
      await options.click('[data-testid="opt-save"]');
      await expect.poll(() => text(options, '[data-testid="opt-saved"]')).toMatch(/Saved/);
      expect((await d.getStorage('local')).kickApp).toMatchObject({ clientId: d.sim.app.clientId });
      // In both browsers the secret is in the extension's own database, never in storage.local (issue #10).
      expect(JSON.stringify(await d.getStorage('local'))).not.toContain(d.sim.app.clientSecret);
      expect((await d.getStorage('secrets')).kickClientSecret).toBe(d.sim.app.clientSecret);
      await expect.poll(() => accountState(options)).toBe('disconnected');
    });

    it('the popup offers Connect', async () => {
      const popup = await driver().openExtensionPage('popup.html');
      await expect.poll(() => popupState(popup)).toBe('disconnected');
      expect(await attr(popup, '[data-testid="popup-connect"]', 'disabled')).toBeNull();
      await popup.close();
    });

    it('Kick refusing the sign-in (redirect URI not registered) is said at once, not left on connecting', async () => {
      const d = driver();
      // The user registered only the other browser's redirect URI.
      const registered = d.sim.app.redirectUris;
      d.sim.app.redirectUris = registered.filter((uri) => uri !== d.redirectUri);
      try {
        const popup = await d.openExtensionPage('popup.html');
        await expect.poll(() => popupState(popup)).toBe('disconnected');
        const window = d.showsRefusedSignIn ? d.nextPage(/\/oauth\/authorize/) : undefined;
        await popup.click('[data-testid="popup-connect"]');
        await expect
          .poll(() => text(popup, '[data-testid="popup-action-error"]'), { timeout: 15_000 })
          .toBe('Kick refused the sign-in: is the redirect URI registered on your app?');
        expect(await popupState(popup)).toBe('disconnected');
        expect(d.sim.requests({ host: 'id', path: '/oauth/authorize' }).at(-1)?.status).toBe(400);
        if (window) {
          // The window shows Kick's own answer; the user closes it.
          const signIn = await window;
          await expect.poll(() => signIn.evaluate(() => document.body?.textContent ?? '', undefined)).toContain('Invalid request');
          await signIn.close().catch(() => undefined);
        }
        await popup.close();
      } finally {
        d.sim.app.redirectUris = registered;
      }
    });

    it('connects through Kick’s consent page, showing connecting until Authorize', async () => {
      const d = driver();
      d.sim.authorize.mode = 'page';
      try {
        // Opened first: Firefox opens new tabs in the newest window, and the sign-in window then
        // ignores its own redirect (it watches only its selected tab).
        const popup = await d.openExtensionPage('popup.html');
        const window = d.nextPage(/\/oauth\/authorize/);
        await options.click('[data-testid="opt-connect"]');
        const consent = await window;
        // A popup (re)opened meanwhile asks the background, which knows a sign-in is under way.
        await popup.evaluate(() => location.reload(), undefined);
        // Polls 10 s, not vitest's 1 s: a loaded machine (2 cores, Firefox) takes longer to reload the popup.
        await expect.poll(() => popupState(popup), { timeout: 10_000 }).toBe('connecting');
        // The browser closes the window on the redirect, which may cut the click short.
        await consent.click('#authorize').catch(() => undefined);
        await expect.poll(() => accountState(options), { timeout: 20_000 }).toBe('connected');
        await expect.poll(() => popupState(popup), { timeout: 20_000 }).toBe('connected');
        expect(await text(popup, '[data-testid="popup-user-name"]')).toBe(SEED.viewer.username);
        const authorize = d.sim.requests({ host: 'id', path: '/oauth/authorize' }).at(-1)!;
        expect(authorize.query.redirect_uri).toEqual([d.redirectUri]);
        expect(authorize.query.code_challenge_method).toEqual(['S256']);
        await popup.close();
      } finally {
        d.sim.authorize.mode = 'approve';
      }
    });

    it('a card with an account adds Kick’s official data to kick.com’s', async () => {
      const d = driver();
      expect((await d.getStorage('secrets')).kickAccount).toBeDefined();
      d.sim.clearLog();
      const page = await d.openKick(`/${SEED.mainChannel}`);
      const card = await openCard(page, await addLink(page, 'og_olga'), 'og_olga');
      expect(card.state).toBe('ready');
      expect(card.parts['card-notice']).toBeUndefined();
      expect(card.parts['card-relation']).toMatch(/since Dec 1, 2022/);
      expect(card.parts['card-roles']).toContain('OG');
      expect(d.sim.requests({ host: 'api' }).filter((r) => r.auth === 'user' || r.auth === 'app').length).toBeGreaterThan(0);
      await page.close();
    });

    it('the popup says when kick.com is signed in as another account than the connected one, and only then', async () => {
      const d = driver();
      const page = await d.openKick(`/${SEED.mainChannel}`);
      const tab = await newestKickTab(d);
      const reads = () => d.sim.requests({ host: 'web', path: '/api/v1/user' });
      // The content script reads it when asked, not when the page loads.
      expect(reads()).toHaveLength(0);
      const asked = async (token: string | null) => {
        await signInOnKick(page, token);
        const before = reads().length;
        const popup = await d.openExtensionPage(`popup.html?tab=${tab}`);
        await expect.poll(() => popupState(popup)).toBe('connected');
        await expect.poll(() => reads().length, { timeout: 10_000 }).toBe(before + 1);
        return popup;
      };

      // kick.com signed in as someone else: said, with both names.
      const other = await asked(d.sim.signInOnSite(SEED.moderator.userId));
      await expect
        .poll(() => text(other, '[data-testid="popup-site-account"]'), { timeout: 10_000 })
        .toContain(`Connected as ${SEED.viewer.username}; kick.com is signed in as ${SEED.moderator.username}.`);
      const read = reads().at(-1)!;
      expect(read.status).toBe(200);
      expect(read.site).toMatchObject({ fetchSite: 'same-origin', referer: `https://kick.com/${SEED.mainChannel}` });
      expect(read.site?.cookies).toContain('session_token');
      await other.close();

      // The same account, or nobody signed in on kick.com: nothing to say. The answer has reached the popup once
      // kick.com was read; a moment more for it to render.
      for (const token of [d.sim.signInOnSite(SEED.viewer.userId), null]) {
        const popup = await asked(token);
        await new Promise((r) => setTimeout(r, 1000));
        expect(await text(popup, '[data-testid="popup-site-account"]')).toBeNull();
        await popup.close();
      }
      await page.close();
    });

    it('disconnect revokes both tokens at Kick and forgets them', async () => {
      const d = driver();
      const { tokens } = (await d.getStorage('secrets')).kickAccount as { tokens: { accessToken: string; refreshToken: string } };
      const popup = await d.openExtensionPage('popup.html');
      await expect.poll(() => popupState(popup)).toBe('connected');
      await popup.click('[data-testid="popup-disconnect"]');
      await expect.poll(() => popupState(popup)).toBe('disconnected');
      expect(d.sim.tokenState(tokens.accessToken)).toBe('revoked');
      expect(d.sim.tokenState(tokens.refreshToken)).toBe('revoked');
      expect((await d.getStorage('secrets')).kickAccount).toBeUndefined();
      await expect.poll(() => accountState(options)).toBe('disconnected');
      await popup.close();
      await options.close();
    });
  });

  describe('what the card says about their part in this chat', () => {
    const HOUR = 3_600_000;
    /** Kick's socket sends what is said once the background follows the chat (the page names it as it loads). */
    const followers = (d: BrowserDriver, channelSlug: string) => d.sim.pusher.subscribers(chatroomOfSlug(d.sim, channelSlug)!);
    const followed = async (d: BrowserDriver, channelSlug: string) => {
      await expect.poll(() => followers(d, channelSlug), { timeout: 10_000 }).toBe(1);
    };
    /** No page follows the chat now (an earlier test's page has gone), so the next page opened starts its record. */
    const unfollowed = async (d: BrowserDriver, channelSlug: string) => {
      await expect.poll(() => followers(d, channelSlug), { timeout: 10_000 }).toBe(0);
    };
    /** What Kick's chat sends next, through the simulator's chat driver (test/kick-sim/chat-feed.ts `handleSimChat`). */
    const chatSends = (d: BrowserDriver, channelSlug: string, what: object) =>
      fetch(`${d.sim.endpoints.webBase}/__sim/chat`, { method: 'POST', body: JSON.stringify({ channel: channelSlug, ...what }) });
    const say = (page: UiPage, who: string, text: string) =>
      page.evaluate(([w, t]) => (window as unknown as { __sim: { say(who: string, text: string): number } }).__sim.say(w, t), [who, text] as const);

    it('lists a user’s messages newest first after their rows left the virtualised list, says they are new, and keeps a hostile text inert', async () => {
      const d = driver();
      d.sim.addUser({ username: 'newbie_nora', channelCreatedAt: new Date(Date.now() - 2 * 24 * HOUR).toISOString() });
      d.sim.addUser({ username: 'quiet_quinn' });
      d.sim.relations.push({ channelSlug: SEED.mainChannel, username: 'newbie_nora', followingSince: new Date(Date.now() - HOUR).toISOString(), badges: [] });
      const page = await d.openKick(`/${SEED.mainChannel}`);
      await followed(d, SEED.mainChannel);
      d.sim.clearLog();
      await say(page, 'newbie_nora', 'first [emote:39284:vibePlz]');
      await say(page, 'quiet_quinn', 'hello from quinn');
      await say(page, 'newbie_nora', HOSTILE_MESSAGE);
      await say(page, 'newbie_nora', 'third');
      await page.evaluate(() => (window as unknown as { __sim: { appendRows(n: number): number } }).__sim.appendRows(250), undefined);
      // Kick's list no longer holds their rows.
      expect(await page.evaluate(() => document.getElementById('chatroom-messages')!.textContent.includes('hello from quinn'), undefined)).toBe(false);

      const link = await addLink(page, 'newbie_nora');
      // The record comes from the background, and may come after the card's data.
      const recorded = async (selector: string, username: string, count: number) => {
        await openCard(page, selector, username);
        await expect.poll(async () => (await readCard(page))?.chatlog?.messages.length, { timeout: 10_000 }).toBe(count);
        return (await readCard(page))!;
      };
      const nora = await recorded(link, 'newbie_nora', 3);
      expect(nora.chatlog).toEqual({ source: 'tab', messages: ['third', HOSTILE_MESSAGE, 'first '], emotes: ['vibePlz https://files.kick.com/emotes/39284/fullsize'], images: 0 });
      expect(nora.parts['card-chatlog-count']).toBe('(3)');
      // The clock is the viewer's (12- or 24-hour, as the browser's locale says), though the page builds no Intl formatter.
      const extensionPage = await d.openExtensionPage('options.html');
      const twelve = await extensionPage.evaluate(() => new Intl.DateTimeFormat(undefined, { hour: 'numeric' }).resolvedOptions().hour12 === true, undefined);
      await extensionPage.close();
      expect(nora.parts['card-chatlog-source']).toMatch(twelve ? /^Recorded from Kick’s chat since (1[0-2]|[1-9]):[0-5]\d [AP]M\./ : /^Recorded from Kick’s chat since [0-2]\d:[0-5]\d\./);
      expect(nora.parts['card-newcomer-channel']).toMatch(/^Channel created in the last 7 days/);
      expect(nora.parts['card-newcomer-follow']).toMatch(/^Followed streamer1 in the last day/);
      expect(nora.parts['card-newcomer-first-message']).toBeUndefined();
      expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned, undefined)).toBeUndefined();
      // Signed out on kick.com: nobody to ask whether they moderate, and no moderator's history is asked for.
      expect(d.sim.requests({ host: 'web', path: /\/me$|\/users\/\d+\/messages$/ })).toEqual([]);
      await closeCard(page);

      const quinn = await recorded(await addLink(page, 'quiet_quinn'), 'quiet_quinn', 1);
      expect(quinn.chatlog?.messages).toEqual(['hello from quinn']);
      expect(quinn.parts['card-newcomer-first-message']).toMatch(/^First message in this chat since you opened it/);
      await closeCard(page);

      // The keyboard: open from the name, Tab reaches the newcomer signals (their exact dates show) and the list, Esc returns.
      await page.focus(link);
      await page.press('ArrowDown', 'Alt');
      await expect.poll(async () => (await readCard(page))?.state, { timeout: 10_000 }).toBe('ready');
      const tooltip = () =>
        page.evaluate(() => {
          const root = document.querySelector('kick-user-cards')!.shadowRoot!;
          const tip = root.getElementById(root.activeElement?.getAttribute('aria-describedby') ?? '');
          return tip ? `${getComputedStyle(tip).display} ${tip.textContent}` : null;
        }, undefined);
      // The first signal, wherever it sits in the card's Tab order: its exact date shows while it has focus.
      for (let i = 0; i < 12 && (await tooltip()) === null; i++) await page.press('Tab');
      await expect.poll(tooltip).toMatch(/^block Created \S/);
      const reached: string[] = [];
      for (let i = 0; i < 12 && !reached.includes('card-chatlog-list'); i++) {
        await page.press('Tab');
        reached.push((await readCard(page))?.focused ?? '');
      }
      expect(reached).toContain('card-chatlog-list');
      await page.press('Escape');
      await expect.poll(() => readCard(page), { timeout: 5000 }).toBeNull();
      expect(await page.evaluate(() => document.activeElement?.id ?? null, undefined)).toBe(link.slice(1));
      await page.close();
    });

    it('shows what they said before the page opened the chat, from Kick’s recent messages read like the site’s own calls', async () => {
      const d = driver();
      d.sim.addUser({ username: 'early_erin' });
      await unfollowed(d, SEED.mainChannel);
      // Earlier pages' reads are not this page's.
      d.sim.clearLog();
      // Said before this page was opened: in the chat's scrollback, which Kick's socket never sends again.
      await chatSends(d, SEED.mainChannel, { said: { who: 'early_erin', text: 'said before you came <img src=x onerror="window.__pwned=1">' } });
      const page = await d.openKick(`/${SEED.mainChannel}`);
      await followed(d, SEED.mainChannel);
      const recentPath = `/api/v2/channels/${channelIdOf(SEED.streamer.userId)}/messages`;
      await expect.poll(() => d.sim.requests({ host: 'web', path: recentPath }).length, { timeout: 10_000 }).toBe(1);
      await openCard(page, await addLink(page, 'early_erin'), 'early_erin');
      await expect.poll(async () => (await readCard(page))?.chatlog?.messages, { timeout: 10_000 }).toEqual(['said before you came <img src=x onerror="window.__pwned=1">']);
      const erin = (await readCard(page))!;
      expect(erin.chatlog?.source).toBe('tab');
      expect(erin.parts['card-chatlog-count']).toBe('(1)');
      expect(erin.parts['card-chatlog-source']).toMatch(/^Recorded from Kick’s chat since /);
      expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned, undefined)).toBeUndefined();
      // Read once, same-origin from the page, as kick.com's own scripts read it.
      const [read] = d.sim.requests({ host: 'web', path: recentPath });
      expect(read).toMatchObject({ status: 200, site: { fetchSite: 'same-origin', referer: `https://kick.com/${SEED.mainChannel}` } });
      await closeCard(page);
      await page.close();

      // When kick.com does not give them, the card says so, after how far back its record reaches.
      await unfollowed(d, SEED.mainChannel);
      const stop = d.sim.fault({ host: 'web', path: recentPath, status: 500 });
      try {
        const again = await d.openKick(`/${SEED.mainChannel}`);
        await followed(d, SEED.mainChannel);
        await openCard(again, await addLink(again, 'early_erin'), 'early_erin');
        await expect.poll(async () => (await readCard(again))?.parts['card-chatlog-source'], { timeout: 10_000 })
          .toMatch(/^Recorded from Kick’s chat since .+\. Kick’s earlier messages could not be read \(kick\.com answered 500\)\.$/);
        await closeCard(again);
        await again.close();
      } finally {
        stop();
      }
    });

    describe('when Kick’s chat socket (Pusher) does not bring the chat (issue #25)', () => {
      const recentPath = `/api/v2/channels/${channelIdOf(SEED.streamer.userId)}/messages`;
      /** The card's list for them once it shows `count` messages, and its source line. */
      const links = new Map<UiPage, string>();
      const listed = async (page: UiPage, username: string, count: number) => {
        if (!links.has(page)) links.set(page, await addLink(page, username));
        await openCard(page, links.get(page)!, username);
        await expect.poll(async () => (await readCard(page))?.chatlog?.messages.length, { timeout: 15_000 }).toBe(count);
        const card = (await readCard(page))!;
        await closeCard(page);
        return { messages: card.chatlog!.messages, source: card.parts['card-chatlog-source'] };
      };

      it('refused: the card still lists what they said, from Kick’s recent messages read again at an open, and says so; a new key from Kick’s negotiation is followed', async () => {
        const d = driver();
        d.sim.addUser({ username: 'refused_rae' });
        await unfollowed(d, SEED.mainChannel);
        // Only this page's reads count below (earlier tests' pages read the same chat).
        d.sim.clearLog();
        await chatSends(d, SEED.mainChannel, { said: { who: 'refused_rae', text: 'before the page' } });
        d.sim.pusher.refuse(4001, 1000);
        try {
          const page = await d.openKick(`/${SEED.mainChannel}`);
          // Never subscribed: the socket is refused.
          await expect.poll(() => d.sim.requests({ host: 'web', path: recentPath }).length, { timeout: 15_000 }).toBeGreaterThan(0);
          expect(followers(d, SEED.mainChannel)).toBe(0);
          const first = await listed(page, 'refused_rae', 1);
          expect(first.messages).toEqual(['before the page']);
          expect(first.source).toMatch(/^From Kick’s recent messages \(Kick’s chat is not being followed now: Kick’s chat feed refused the connection \(4001.*\)\), read at .+, back to .+\.$/);
          // Said while the socket is refused: read again at an open 10 s after the last read.
          await chatSends(d, SEED.mainChannel, { said: { who: 'refused_rae', text: 'while refused' } });
          await new Promise((r) => setTimeout(r, 10_500));
          const again = await listed(page, 'refused_rae', 2);
          expect(again.messages).toEqual(['while refused', 'before the page']);
          // Read same-origin from the page, like the site's own calls, and not more than the bound allows.
          const reads = d.sim.requests({ host: 'web', path: recentPath });
          expect(reads.length).toBeLessThanOrEqual(3);
          expect(reads.at(-1)).toMatchObject({ status: 200, site: { fetchSite: 'same-origin' } });
          await page.close();
        } finally {
          d.sim.pusher.refuse(4001, 0);
        }
        // Kick moves its chat to another key: the page's negotiation names it, and the chat is followed there at once.
        await unfollowed(d, SEED.mainChannel);
        d.sim.pusher.moveKey('0a1b2c3d4e5f60718293');
        const moved = await d.openKick(`/${SEED.mainChannel}`);
        await followed(d, SEED.mainChannel);
        expect(d.sim.requests({ host: 'webapi', path: '/api/v1/realtime/connection' }).at(-1)).toMatchObject({ method: 'POST', status: 200, site: { origin: 'https://kick.com' } });
        await moved.close();
      });

      it('silent: subscribed, but Kick publishes nothing there; the card lists what they said after a read, and says so', async () => {
        const d = driver();
        d.sim.addUser({ username: 'silent_sam' });
        await unfollowed(d, SEED.mainChannel);
        d.sim.clearLog();
        const page = await d.openKick(`/${SEED.mainChannel}`);
        await followed(d, SEED.mainChannel);
        await expect.poll(() => d.sim.requests({ host: 'web', path: recentPath }).length, { timeout: 10_000 }).toBe(1);
        await new Promise((r) => setTimeout(r, 1000));
        d.sim.pusher.silence(true);
        try {
          await chatSends(d, SEED.mainChannel, { said: { who: 'silent_sam', text: 'never on the socket' } });
          await new Promise((r) => setTimeout(r, 10_500));
          const sam = await listed(page, 'silent_sam', 1);
          expect(sam.messages).toEqual(['never on the socket']);
          expect(sam.source).toMatch(/^From Kick’s recent messages \(the chat socket is not answering\), read at .+, back to .+\.$/);
          expect(followers(d, SEED.mainChannel)).toBe(1);
        } finally {
          d.sim.pusher.silence(false);
        }
        await page.close();
      });
    });

    it('says when Kick timed them out in this chat, and until when, with what they said still listed', async () => {
      const d = driver();
      d.sim.addUser({ username: 'timed_tom' });
      const page = await d.openKick(`/${SEED.mainChannel}`);
      await followed(d, SEED.mainChannel);
      await say(page, 'timed_tom', 'buy followers at example.com');
      await chatSends(d, SEED.mainChannel, { banned: { who: 'timed_tom', minutes: 10 } });
      await openCard(page, await addLink(page, 'timed_tom'), 'timed_tom');
      await expect.poll(async () => (await readCard(page))?.parts['card-chatlog-banned'], { timeout: 10_000 }).toMatch(/^Timed out in this chat at .+, until .+\.$/);
      expect((await readCard(page))?.chatlog?.messages).toEqual(['buy followers at example.com']);
      await closeCard(page);
      await page.close();
    });

    it('a moderator of the channel sees Kick’s own history of a user’s messages, pages older ones in, hostile text inert', async () => {
      const d = driver();
      const page = await d.openKick(`/moderator/${SEED.mainChannel}`);
      // Signed in on kick.com as the channel's moderator.
      await signInOnKick(page, d.sim.signInOnSite(SEED.moderator.userId));
      try {
        d.sim.clearLog();
        const vip = await openCard(page, await addLink(page, 'vipvictor'), 'vipvictor');
        await expect.poll(async () => (await readCard(page))?.chatlog?.source, { timeout: 10_000 }).toBe('kick');
        const first = (await readCard(page))!;
        // The newest ten are built when the card opens; the rest once the list is scrolled or focused, as a user does.
        expect(first.chatlog!.messages).toHaveLength(10);
        expect(first.chatlog!.messages.slice(0, 3)).toEqual(['Earlier message 30', HOSTILE_MESSAGE, 'Nice  play']);
        expect(first.chatlog!.emotes).toEqual(['vibePlz https://files.kick.com/emotes/39284/fullsize']);
        expect(first.chatlog!.images).toBe(0);
        expect(first.parts['card-chatlog-count']).toBe('(25+)');
        expect(first.parts['card-chatlog-source']).toMatch(/^From Kick’s history \(you moderate this channel\), back to .+; older ones can be loaded\.$/);
        expect(vip.username).toBe('vipvictor');
        await page.evaluate(() => document.querySelector('kick-user-cards')!.shadowRoot!.querySelector<HTMLElement>('[data-testid="card-chatlog-list"]')!.focus(), undefined);
        await expect.poll(async () => (await readCard(page))?.chatlog?.messages.length).toBe(25);

        await clickInCard(page, 'card-chatlog-older');
        await expect.poll(async () => (await readCard(page))?.chatlog?.messages.length, { timeout: 10_000 }).toBe(30);
        const all = (await readCard(page))!;
        expect(all.chatlog!.messages.at(-1)).toBe('Earlier message 1');
        expect(all.parts['card-chatlog-older']).toBeUndefined();
        expect(all.parts['card-chatlog-count']).toBe('(30)');
        expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned, undefined)).toBeUndefined();

        const pages = d.sim.requests({ host: 'web', path: /\/users\/\d+\/messages$/ });
        expect(pages.map((r) => `${r.status} ${r.path}`)).toEqual([
          `200 /api/v2/channels/${channelIdOf(SEED.streamer.userId)}/users/${SEED.vip.userId}/messages`,
          `200 /api/v2/channels/${channelIdOf(SEED.streamer.userId)}/users/${SEED.vip.userId}/messages`,
        ]);
        expect(pages[0]!.query.cursor).toEqual(['0']);
        expect(pages[1]!.query.cursor?.[0]).toMatch(/^[1-9]\d+$/);
        for (const read of pages) expect(read.site).toMatchObject({ fetchSite: 'same-origin', referer: `https://kick.com/moderator/${SEED.mainChannel}` });
        // As the site's own calls do, with the session token as a Bearer: kick.com answers the moderator alone.
        expect(d.sim.requests({ host: 'web', path: `/api/v2/channels/${SEED.mainChannel}/me` }).map((r) => r.status)).toEqual([200]);
        await closeCard(page);
      } finally {
        await signInOnKick(page, null);
        await page.close();
      }
    });

    it('an open card moves with its name when what holds the name scrolls', async () => {
      const d = driver();
      const page = await d.openKick(`/${SEED.mainChannel}`);
      // A scroller of the test's own (Kick's chat list is one): the card follows any scroll, not a known container's.
      // Sideways: wherever the window's room puts the card (below, above or beside the name, slid to fit the height),
      // its distance across from the name holds.
      await page.evaluate(() => {
        const box = document.createElement('div');
        box.id = 'kuc-test-scroller';
        box.style.cssText = 'position:fixed;left:40%;top:15%;width:260px;height:120px;overflow:auto;z-index:99999;background:#222';
        box.innerHTML = '<div style="width:2000px;padding:40px 0 0 120px"><a id="kuc-test-scrolled" href="/vipvictor" style="color:#fff">vipvictor</a></div>';
        document.body.append(box);
      }, undefined);
      // Where the name is across, and how far across from it the placed card is; `scroll` first scrolls by that much and
      // reads in the frame that paints the scroll (its scroll event comes before the frame's animation callbacks).
      const across = (scroll: number) =>
        page.evaluate(async (by) => {
          if (by) {
            document.getElementById('kuc-test-scroller')!.scrollLeft += by;
            await new Promise((r) => requestAnimationFrame(r));
          }
          const card = document.querySelector('kick-user-cards')?.shadowRoot?.querySelector('[data-kuc-card][data-placed]');
          const name = document.getElementById('kuc-test-scrolled')!.getBoundingClientRect();
          return card ? { name: Math.round(name.left), gap: Math.round(card.getBoundingClientRect().left - name.left) } : null;
        }, scroll);
      // From the keyboard, so that the name moving away from a resting pointer does not close the card.
      await page.focus('#kuc-test-scrolled');
      await page.press('ArrowDown', 'Alt');
      await expect.poll(async () => (await readCard(page))?.state, { timeout: 10_000 }).toBe('ready');
      const before = (await across(0))!;
      expect(before).not.toBeNull();
      // Moved in that same frame, not a frame late.
      expect(await across(40)).toEqual({ name: before.name - 40, gap: before.gap });
      await page.press('Escape');
      await expect.poll(() => readCard(page), { timeout: 5000 }).toBeNull();
      await page.close();
    });
  });
}

/** The element with this test id in the open card's shadow root, as the driver's selectors reach it. */
export const cardPart = (d: BrowserDriver, testId: string) => d.inCard(`[data-testid="${testId}"]`);

/** The test id of what has the focus: inside the card's shadow root, or on the page. */
export const focused = (page: UiPage) =>
  page.evaluate(() => {
    const inCard = document.querySelector('kick-user-cards')?.shadowRoot?.activeElement;
    const el = inCard ?? document.activeElement;
    return el?.getAttribute('data-testid') ?? el?.id ?? el?.tagName ?? null;
  }, undefined);

/**
 * Notes and nicknames (issue #13): added from the card, kept through a browser restart, listed, exported and
 * imported on the options page. Runs after userScenarios on the same driver: it restarts the browser.
 */
export function notesScenarios(driver: () => BrowserDriver): void {
  describe('notes and nicknames', () => {
    const maria = SEED.moderator;
    const nickname = 'Maria the mod';
    // Chrome keeps them in sync storage, restricted to the extension; Firefox cannot restrict it, so they are in the
    // extension's database (lib/notes/note-places.ts).
    const notesArea = (d: BrowserDriver) => (d.browser === 'firefox' ? 'notes' : 'sync');

    it('a nickname and a note added from the card show on its next card, also after a browser restart', async () => {
      const d = driver();
      let page = await d.openKick(`/${SEED.mainChannel}`);
      await openCard(page, await addLink(page, maria.username), maria.username);
      // Once the background has said what is stored (until then the button reads "Loading your note…").
      await expect.poll(async () => (await readCard(page))?.parts['card-note-edit']).toBe('Add note');
      await page.click(cardPart(d, 'card-note-edit'));
      expect(await focused(page)).toBe('card-note-nickname');
      await page.fill(cardPart(d, 'card-note-nickname'), nickname);
      await page.click(cardPart(d, 'card-note-input'));
      // Typed key by key: Enter in the note is a new line, not a save.
      await page.type('Kind, bans spam fast.\nAsk her about the schedule.');
      await page.click(cardPart(d, 'card-note-save'));
      await expect.poll(async () => (await readCard(page))?.parts['card-nickname']).toBe(`Your nickname: ${nickname}`);
      expect((await readCard(page))?.parts['card-note-text']).toBe('Kind, bans spam fast.\nAsk her about the schedule.');
      expect((await d.getStorage(notesArea(d)))[`note:id:${maria.userId}`]).toMatchObject({ userId: maria.userId, username: maria.username, nickname });
      // Nothing on kick.com's own page changed: the nickname lives on the card only.
      expect(await page.evaluate((n) => document.body.innerText.includes(n), nickname)).toBe(false);
      await closeCard(page);
      await page.close();

      await d.restart();
      page = await d.openKick(`/${SEED.mainChannel}`);
      await openCard(page, await addLink(page, maria.username), maria.username);
      await expect.poll(async () => (await readCard(page))?.parts['card-nickname']).toBe(`Your nickname: ${nickname}`);
      const card = (await readCard(page))!;
      expect(card.parts['card-note-text']).toBe('Kind, bans spam fast.\nAsk her about the schedule.');
      expect(card.parts['card-note-edit']).toBe('Edit note');
      await page.close();
    });

    it('keyboard: Tab reaches the note editor from the card; Esc cancels the edit first, then closes the card and returns focus', async () => {
      const d = driver();
      const page = await d.openKick(`/${SEED.mainChannel}`);
      const link = await addLink(page, 'vipvictor');
      await page.evaluate((s) => (document.querySelector(s) as HTMLElement).focus(), link);
      await page.press('ArrowDown', 'Alt');
      await expect.poll(async () => (await readCard(page))?.state, { timeout: 10_000 }).toBe('ready');
      // The note heads the card's footer, after the card's facts and their messages: Tab walks there.
      for (let i = 0; i < 12 && (await focused(page)) !== 'card-note-edit'; i++) await page.press('Tab');
      expect(await focused(page)).toBe('card-note-edit');
      await page.press('Enter');
      await expect.poll(() => focused(page)).toBe('card-note-nickname');
      await page.type('Vic');
      await page.press('Escape');
      await expect.poll(() => focused(page)).toBe('card-note-edit');
      expect((await readCard(page))?.parts['card-note-nickname']).toBeUndefined();
      expect(await readCard(page)).not.toBeNull();
      await page.press('Escape');
      await expect.poll(() => readCard(page)).toBeNull();
      expect(await focused(page)).toBe(link.slice(1));
      expect(Object.keys(await d.getStorage(notesArea(d))).filter((k) => k.startsWith('note:'))).toEqual([`note:id:${maria.userId}`]);
      await page.close();
    });

    it('a hover-opened card stays while a note is typed in it, wherever the pointer goes, and closes once the typing ends', async () => {
      const d = driver();
      const page = await d.openKick(`/${SEED.mainChannel}`);
      const olga = await addLink(page, 'og_olga');
      const victor = await addLink(page, 'vipvictor');
      await page.evaluate((v) => Object.assign((document.querySelector(v) as HTMLElement).style, { top: '8%', left: '8%' }), victor);
      await openCard(page, olga, 'og_olga');
      await page.click(cardPart(d, 'card-note-edit'));
      // Pressed while the note loads, the button opens the editor once it is known: type when it has the focus.
      await expect.poll(() => focused(page)).toBe('card-note-nickname');
      await page.type('Olly');
      // Away from the name and the card, then over another name: each would close or replace a card nobody types in.
      await page.mouseMove(2, 2);
      await page.hover(victor);
      await new Promise((r) => setTimeout(r, 1200)); // well past the hover and close delays (300 ms each)
      expect((await readCard(page))?.username).toBe('og_olga');
      expect(await focused(page)).toBe('card-note-nickname');
      const typed = () =>
        page.evaluate(() => (document.querySelector('kick-user-cards')?.shadowRoot?.querySelector('[data-testid="card-note-nickname"]') as HTMLInputElement | null)?.value ?? null, undefined);
      expect(await typed()).toBe('Olly');
      // Esc ends the edit; focus is on the card's button, nobody types, and the pointer is elsewhere: it closes.
      await page.mouseMove(2, 2);
      await page.press('Escape');
      await expect.poll(() => readCard(page), { timeout: 5000 }).toBeNull();
      await page.close();
    });

    it('the options page lists the notes; export then import round-trips; a malformed import changes nothing', async () => {
      const d = driver();
      const options = await d.openExtensionPage('options.html');
      const count = () => attr(options, '[data-testid="opt-notes-list"]', 'data-count');
      const message = () => text(options, '[data-testid="opt-notes-message"]');
      await expect.poll(count).toBe('1');
      expect(await attr(options, '[data-testid="opt-notes-area"]', 'data-area')).toBe(d.browser === 'firefox' ? 'device' : 'sync');
      expect(await text(options, '[data-testid="opt-note-nickname-text"]')).toBe(`Nickname: ${nickname}`);

      const exported = await options.download('[data-testid="opt-notes-export"]');
      expect(exported.name).toBe('kick-user-cards-notes.json');
      const file = JSON.parse(exported.text) as { format: string; version: number; notes: unknown[] };
      expect(file).toMatchObject({ format: 'kick-user-cards-notes', version: 1, notes: [{ userId: maria.userId, username: maria.username, nickname }] });
      const stored = (await d.getStorage(notesArea(d)))[`note:id:${maria.userId}`];

      await options.click('[data-testid="opt-note-delete"]');
      await expect.poll(count).toBe('0');
      const empty = await d.getStorage(notesArea(d));

      await options.setInputFile('[data-testid="opt-notes-import"]', { name: 'broken.json', text: exported.text.slice(0, 40) });
      await expect.poll(message).toMatch(/^Nothing was imported: The file is not valid JSON/);
      const tooLong = { ...file, notes: [...file.notes, { username: 'vipvictor', nickname: 'x'.repeat(41), note: '', updatedAt: 1 }] };
      await options.setInputFile('[data-testid="opt-notes-import"]', { name: 'bad-entry.json', text: JSON.stringify(tooLong) });
      await expect.poll(message).toBe('Nothing was imported: Note 2 is invalid: nickname: Too big: expected string to have <=40 characters.');
      await options.setInputFile('[data-testid="opt-notes-import"]', { name: 'other.json', text: JSON.stringify({ format: 'something-else', notes: [] }) });
      await expect.poll(message).toMatch(/^Nothing was imported: This is not a Kick User Cards notes file/);
      expect(await d.getStorage(notesArea(d))).toEqual(empty);
      expect(await count()).toBe('0');

      await options.setInputFile('[data-testid="opt-notes-import"]', { name: exported.name, text: exported.text });
      await expect.poll(message).toBe('Imported 1 note from kick-user-cards-notes.json.');
      await expect.poll(count).toBe('1');
      expect((await d.getStorage(notesArea(d)))[`note:id:${maria.userId}`]).toEqual(stored);
      const again = JSON.parse((await options.download('[data-testid="opt-notes-export"]')).text) as typeof file;
      expect(again.notes).toEqual(file.notes);
      await options.close();
    });
  });
}
