import { describe, expect, it } from 'vitest';
import { SEED } from '../kick-sim/index';
import { chatroomOfSlug } from '../kick-sim/chat-feed';
import type { BrowserDriver, UiPage } from './driver';
import { accountState, addLink, cardPart, closeCard, focused, openCard, popupState, readCard, signInOnKick, text } from './scenarios';

/**
 * Moderator actions from the card (the moderator-actions issue), written once for both browsers. Runs after the user
 * scenarios on the same driver: the app is saved by then, and whatever account they left is replaced here.
 */
export function moderationScenarios(driver: () => BrowserDriver): void {
  const channel = SEED.mainChannel;
  const victor = SEED.vip;
  const MOD_SCOPES = ['moderation:ban', 'moderation:chat_message:manage'];
  const bans = (d: BrowserDriver) => d.sim.requests({ host: 'api', path: '/public/v1/moderation/bans' });
  const deletes = (d: BrowserDriver) => d.sim.requests({ host: 'api', method: 'DELETE', path: /^\/public\/v1\/chat\// });
  const modRequests = (d: BrowserDriver) => [...bans(d), ...deletes(d)];
  /**
   * The card's moderator row, once it may be clicked: ARM_MS (300 ms) after it appeared and after the card last moved
   * (a card that changes size may be placed anew). A click sooner is ignored, as a user's would be.
   */
  const armed = (page: UiPage) =>
    expect
      .poll(
        () =>
          page.evaluate(async () => {
            // Two frames first: a change the card just made (a status line that wraps) is measured by its
            // ResizeObserver and placed in the frame after, so a move it causes is in data-moved-at before it is read.
            // Read at once, a busy machine let the click land just after that move, where the card rightly ignored it.
            for (let i = 0; i < 2; i++) await new Promise((r) => requestAnimationFrame(r));
            const root = document.querySelector('kick-user-cards')?.shadowRoot;
            const card = root?.querySelector<HTMLElement>('[data-kuc-card]');
            const still = performance.now() - Number(card?.dataset.movedAt ?? Infinity) >= 350;
            return Boolean(root?.querySelector('[data-testid="card-mod"]')?.hasAttribute('data-armed')) && still;
          }, undefined),
        { timeout: 10_000 },
      )
      .toBe(true);
  const modStatus = async (page: UiPage) => (await readCard(page))?.parts['card-mod-status'] ?? null;
  const followers = (d: BrowserDriver) => d.sim.pusher.subscribers(chatroomOfSlug(d.sim, channel)!);
  const clock = /\d{1,2}:\d{2}/;

  /** Connects through the options page as `userId`, with Kick's consent leaving out `untick`; returns the options page. */
  async function connectAs(d: BrowserDriver, userId: number, untick: string[] = []): Promise<UiPage> {
    d.sim.authorize = { mode: 'approve', userId, untick };
    const options = await d.openExtensionPage('options.html');
    await expect.poll(() => accountState(options), { timeout: 10_000 }).not.toBe('loading');
    // Run on their own (vitest -t), no app is saved yet: saved as a user does.
    if ((await accountState(options)) === 'not_configured') {
      await options.fill('[data-testid="opt-client-id"]', d.sim.app.clientId);
      await options.fill('[data-testid="opt-client-secret"]', d.sim.app.clientSecret);
      await options.click('[data-testid="opt-save"]');
      await expect.poll(() => accountState(options), { timeout: 10_000 }).toBe('disconnected');
    }
    if ((await accountState(options)) === 'connected') {
      await options.click('[data-testid="opt-disconnect"]');
      await expect.poll(() => accountState(options), { timeout: 10_000 }).toBe('disconnected');
    }
    await options.click('[data-testid="opt-connect"]');
    await expect.poll(() => accountState(options), { timeout: 20_000 }).toBe('connected');
    return options;
  }

  describe('moderator actions on the card', () => {
    it('turning them on asks Kick for the moderation scopes in a new grant, and says which ones Kick granted', async () => {
      const d = driver();
      const options = await connectAs(d, SEED.streamer.userId);
      // Off by default: nothing about moderation is asked for or said.
      expect(await options.evaluate(() => (document.querySelector('[data-testid="opt-moderator-actions"]') as HTMLInputElement).checked, undefined)).toBe(false);
      expect(d.sim.requests({ host: 'id', path: '/oauth/authorize' }).at(-1)!.query.scope![0]).not.toMatch(/moderation/);
      await options.click('[data-testid="opt-moderator-actions"]');
      // The connection has neither scope yet: the page says so and offers the new grant.
      await expect.poll(() => text(options, '[data-testid="mod-grant-missing"]')).toBe(MOD_SCOPES.join(', '));
      // The user unticks one on Kick's consent screen: still missing, and said so.
      d.sim.authorize.untick = ['moderation:ban'];
      await options.click('[data-testid="mod-grant-connect"]');
      await expect.poll(() => text(options, '[data-testid="mod-grant-missing"]'), { timeout: 20_000 }).toBe('moderation:ban');
      expect(d.sim.requests({ host: 'id', path: '/oauth/authorize' }).at(-1)!.query.scope![0]!.split(' ')).toEqual(expect.arrayContaining(MOD_SCOPES));
      d.sim.authorize.untick = [];
      await options.click('[data-testid="mod-grant-connect"]');
      await expect.poll(() => options.evaluate(() => document.querySelector('[data-testid="mod-grant"]')?.getAttribute('data-state'), undefined), { timeout: 20_000 }).toBe('granted');
      // The pairs the new grants replaced were revoked at Kick, not left live.
      await expect.poll(() => d.sim.liveUserTokens('refresh')).toBe(1);
      const popup = await d.openExtensionPage('popup.html');
      await expect.poll(() => popup.evaluate(() => document.querySelector('[data-testid="mod-grant"]')?.getAttribute('data-state'), undefined), { timeout: 10_000 }).toBe('granted');
      expect(await text(popup, '[data-testid="popup-scopes"]')).toContain('moderation:chat_message:manage');
      await popup.close();
      await options.close();
    });

    it('the broadcaster times a chatter out with one click on "10 min", sees until when, and Undo ends it', async () => {
      const d = driver();
      const page = await d.openKick(`/${channel}`);
      d.sim.clearLog();
      await openCard(page, await addLink(page, victor.username), victor.username);
      await armed(page);
      const card = (await readCard(page))!;
      expect(card.parts['card-mod-timeout-10']).toBe('10m');
      expect(await page.evaluate(() => document.querySelector('kick-user-cards')!.shadowRoot!.querySelector('[data-testid="card-mod-timeout-10"]')!.getAttribute('aria-label'), undefined))
        .toBe('Time out vipvictor for 10 minutes');
      await page.click(cardPart(d, 'card-mod-timeout-10'));
      await expect.poll(() => modStatus(page), { timeout: 10_000 }).toMatch(/^Timed out for 10 minutes, until /);
      expect(await modStatus(page)).toMatch(clock);
      expect(bans(d)).toHaveLength(1);
      expect(bans(d)[0]).toMatchObject({ method: 'POST', status: 200, auth: 'user', json: { broadcaster_user_id: SEED.streamer.userId, user_id: victor.userId, duration: 10 } });
      // Kick's chat announces the timeout, and the card says it heard it.
      await expect.poll(() => page.evaluate(() => document.querySelector('kick-user-cards')!.shadowRoot!.querySelector('[data-testid="card-mod-status"]')!.hasAttribute('data-confirmed'), undefined), { timeout: 10_000 }).toBe(true);
      // Undo holds the card open wherever the pointer goes, for its 10 s.
      const height = await page.evaluate(() => innerHeight, undefined);
      await page.mouseMove(2, height - 2);
      await new Promise((r) => setTimeout(r, 800));
      expect(await readCard(page)).not.toBeNull();
      await armed(page);
      await page.click(cardPart(d, 'card-mod-undo'));
      await expect.poll(() => modStatus(page), { timeout: 10_000 }).toMatch(/^Ban lifted\./);
      expect(bans(d)).toHaveLength(2);
      expect(bans(d)[1]).toMatchObject({ method: 'DELETE', status: 200, json: { broadcaster_user_id: SEED.streamer.userId, user_id: victor.userId } });
      expect(d.sim.bans.size).toBe(0);
      await closeCard(page);
      await page.close();
    });

    it('a permanent ban needs its confirmation: Esc cancels it, Enter confirms it with the reason', async () => {
      const d = driver();
      const page = await d.openKick(`/${channel}`);
      d.sim.clearLog();
      await openCard(page, await addLink(page, 'og_olga'), 'og_olga');
      await armed(page);
      await page.click(cardPart(d, 'card-mod-ban'));
      await expect.poll(() => focused(page)).toBe('card-mod-confirm-reason');
      expect((await readCard(page))!.parts['card-mod-confirm']).toMatch(/^Ban og_olga permanently\?/);
      expect(bans(d)).toHaveLength(0);
      await page.press('Escape');
      await expect.poll(async () => (await readCard(page))?.parts['card-mod-confirm']).toBeUndefined();
      // The first Esc only cancelled: the card is still open, and nothing was sent.
      expect(await readCard(page)).not.toBeNull();
      expect(bans(d)).toHaveLength(0);
      await armed(page);
      await page.click(cardPart(d, 'card-mod-ban'));
      await expect.poll(() => focused(page)).toBe('card-mod-confirm-reason');
      await page.type('Ban evasion');
      await page.press('Enter');
      await expect.poll(() => modStatus(page), { timeout: 10_000 }).toMatch(/^Banned permanently\./);
      expect(bans(d)).toHaveLength(1);
      expect(bans(d)[0]!.json).toEqual({ broadcaster_user_id: SEED.streamer.userId, user_id: SEED.og.userId, reason: 'Ban evasion' });
      // Lifted again from the status line, and the log on the options page has both.
      await armed(page);
      await page.click(cardPart(d, 'card-mod-undo'));
      await expect.poll(() => modStatus(page), { timeout: 10_000 }).toMatch(/^Ban lifted\./);
      await page.close();
      const options = await d.openExtensionPage('options.html');
      await expect.poll(() => options.evaluate(() => [...document.querySelectorAll('[data-testid="opt-mod-log-row"]')].slice(0, 2).map((r) => r.textContent), undefined), { timeout: 10_000 })
        .toEqual([expect.stringMatching(/streamer1og_olgaUnban \(Undo\)Done$/), expect.stringMatching(/streamer1og_olgaBanBan evasionDone$/)]);
      await options.close();
    });

    it('deletes one of their listed messages with one DELETE /chat/{id}, shown struck through', async () => {
      const d = driver();
      await expect.poll(() => followers(d), { timeout: 10_000 }).toBe(0);
      const page = await d.openKick(`/${channel}`);
      await expect.poll(() => followers(d), { timeout: 10_000 }).toBe(1);
      await fetch(`${d.sim.endpoints.webBase}/__sim/chat`, { method: 'POST', body: JSON.stringify({ channel, said: { who: 'subsam', text: 'delete me please' } }) });
      d.sim.clearLog();
      await openCard(page, await addLink(page, 'subsam'), 'subsam');
      await expect.poll(async () => (await readCard(page))?.chatlog?.messages, { timeout: 10_000 }).toContain('delete me please');
      await armed(page);
      // The newest message is first: its delete button is the first in the list.
      await page.click(cardPart(d, 'card-chatlog-delete'));
      await expect.poll(async () => (await readCard(page))?.parts['card-chatlog-removed'], { timeout: 10_000 }).toBe('delete me please (Deleted)');
      expect(deletes(d)).toHaveLength(1);
      expect(deletes(d)[0]).toMatchObject({ status: 204, auth: 'user' });
      expect(bans(d)).toHaveLength(0);
      await page.close();
    });

    it('offers nothing on the broadcaster’s own card or a moderator’s, and says Kick’s refusal and a dead token in words', async () => {
      const d = driver();
      const page = await d.openKick(`/${channel}`);
      const streamer = await openCard(page, '#channel-username', SEED.streamer.username);
      expect(streamer.parts['card-mod']).toBeUndefined();
      await closeCard(page);
      const maria = await openCard(page, await addLink(page, SEED.moderator.username), SEED.moderator.username);
      expect(maria.parts['card-roles']).toContain('Moderator');
      expect(maria.parts['card-mod']).toBeUndefined();
      await closeCard(page);

      // Already timed out at Kick (by someone else): Kick refuses the next timeout.
      d.sim.bans.set(`${SEED.streamer.userId}:${SEED.subscriber.userId}`, { until: Date.now() + 60_000 });
      d.sim.clearLog();
      await openCard(page, await addLink(page, SEED.subscriber.username), SEED.subscriber.username);
      await armed(page);
      await page.click(cardPart(d, 'card-mod-timeout-1'));
      await expect.poll(() => modStatus(page), { timeout: 10_000 }).toBe('Kick refused: they may be a moderator, already banned, or you may not moderate this channel.');
      expect(bans(d)).toHaveLength(1);
      d.sim.bans.clear();
      // Kick refuses the token twice (revoked at Kick meanwhile): one refresh, then Kick's word, and a way to reconnect.
      const stop = d.sim.fault({ host: 'api', path: '/public/v1/moderation/bans', status: 401, body: JSON.stringify({ data: {}, message: 'Unauthorized' }) });
      try {
        d.sim.clearLog();
        await armed(page);
        await page.click(cardPart(d, 'card-mod-timeout-60'));
        await expect.poll(() => modStatus(page), { timeout: 10_000 }).toMatch(/^Kick refused your account’s token even after renewing it/);
        expect(bans(d).map((r) => r.status)).toEqual([401, 401]);
        expect((await readCard(page))!.parts['card-mod-options']).toBe('Open options');
        // Kick's word is final for the account too: it now asks for a reconnect.
        const account = (await d.getStorage('secrets')).kickAccount as { tokens: unknown; reconnectReason?: string };
        expect(account.tokens).toBeNull();
        expect(account.reconnectReason).toMatch(/^Kick refused this account’s token/);
      } finally {
        stop();
      }
      await page.close();
    });

    it('2,000 clicks and key presses made by the page start nothing', async () => {
      const d = driver();
      // The test before ended the account (a token Kick refused twice is Kick's final word): connected again.
      await connectAs(d, SEED.streamer.userId).then((o) => o.close());
      const page = await d.openKick(`/${channel}`);
      await openCard(page, await addLink(page, 'cool_cat'), 'cool_cat');
      await armed(page);
      d.sim.clearLog();
      // The E2E build's shadow root is open (production's is closed): even reaching the buttons, the page cannot act.
      const dispatched = await page.evaluate(() => {
        const root = document.querySelector('kick-user-cards')!.shadowRoot!;
        const targets = [...root.querySelectorAll<HTMLElement>('[data-testid^="card-mod"], [data-testid="card-chatlog-delete"]')];
        let n = 0;
        for (let i = 0; n < 2000; i++) {
          const el = targets[i % targets.length]!;
          if (i % 2) el.click();
          else el.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
          n++;
        }
        return { n, targets: targets.length };
      }, undefined);
      expect(dispatched.n).toBe(2000);
      expect(dispatched.targets).toBeGreaterThan(4);
      await new Promise((r) => setTimeout(r, 1000));
      expect(modRequests(d)).toHaveLength(0);
      expect((await readCard(page))?.parts['card-mod-status'] ?? '').toBe('');
      await page.close();
    });

    it('offers nothing to a viewer who moderates nothing (kick.com says so), nor without the moderation scopes', async () => {
      const d = driver();
      await connectAs(d, SEED.viewer.userId).then((o) => o.close());
      const page = await d.openKick(`/${channel}`);
      await signInOnKick(page, d.sim.signInOnSite(SEED.viewer.userId));
      d.sim.clearLog();
      await openCard(page, await addLink(page, victor.username), victor.username);
      // kick.com was asked whether the viewer moderates this channel, and said no.
      await expect.poll(() => d.sim.requests({ host: 'web', path: `/api/v2/channels/${channel}/me` }).length, { timeout: 10_000 }).toBeGreaterThan(0);
      await new Promise((r) => setTimeout(r, 500));
      expect((await readCard(page))!.parts['card-mod']).toBeUndefined();
      await signInOnKick(page, null);
      await closeCard(page);
      await page.close();

      // The broadcaster again, but Kick's consent left out both moderation scopes.
      await connectAs(d, SEED.streamer.userId, MOD_SCOPES).then((o) => o.close());
      const again = await d.openKick(`/${channel}`);
      await openCard(again, await addLink(again, victor.username), victor.username);
      await new Promise((r) => setTimeout(r, 500));
      expect((await readCard(again))!.parts['card-mod']).toBeUndefined();
      await again.close();
      expect(modRequests(d)).toHaveLength(0);
    });
  });

  describe('the account’s last dead end (hardening II, item 6)', () => {
    it('a token Kick’s API refuses while introspection calls it active ends in Reconnect after one refresh, not in a Retry loop', async () => {
      const d = driver();
      await connectAs(d, SEED.streamer.userId).then((o) => o.close());
      // The options page's own status reads are over before Kick starts refusing (two at once would share one refresh).
      await new Promise((r) => setTimeout(r, 1_000));
      d.sim.clearLog();
      // Kick refuses the user's token on the API, whatever introspection says (the app token's reads are left alone).
      const stop = d.sim.fault({ host: 'api', path: '/public/v1/users', token: 'user', status: 401, body: JSON.stringify({ data: {}, message: 'Unauthorized' }) });
      const popup = await d.openExtensionPage('popup.html');
      try {
        await expect.poll(() => popupState(popup), { timeout: 15_000 }).toBe('reconnect_needed');
        // The state and its reason can reach the page in different renders (Firefox showed the state first): both are waited for.
        await expect.poll(() => text(popup, '[data-testid="popup-reason"]'), { timeout: 10_000 }).toMatch(/^Kick refused this account’s token even after renewing it/);
        await expect.poll(() => text(popup, '[data-testid="popup-reconnect"]'), { timeout: 10_000 }).toBe('Reconnect');
        expect(d.sim.requests({ host: 'id', path: '/oauth/token' }).filter((r) => r.form?.grant_type === 'refresh_token')).toHaveLength(1);
      } finally {
        stop();
      }
      // Reconnect is the way out: one click, a new grant, connected again.
      await popup.click('[data-testid="popup-reconnect"]');
      await expect.poll(() => popupState(popup), { timeout: 20_000 }).toBe('connected');
      await popup.close();
    });
  });
}
