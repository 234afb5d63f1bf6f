import type { Page } from 'playwright-core';
import type { KickSim } from '../kick-sim/index';

/** What the benchmark does on the simulated channel page: synthetic chatters, their rows, opening and closing cards. */

export const CHANNEL = 'streamer1';

/**
 * Synthetic load-test users, added to the simulator for this run only: many distinct names for the "first",
 * "fresh" and "long evening" figures, where the seed's ten chatters would be cached. Not a claim about Kick: their
 * data only has to be well formed (it is shaped like the seed's users, test/kick-sim/seed.ts).
 */
export function addSyntheticUsers(sim: KickSim, prefix: string, count: number): string[] {
  const names: string[] = [];
  for (let i = 1; i <= count; i++) {
    const username = `${prefix}${String(i).padStart(3, '0')}`;
    const userId = Math.max(...sim.users.keys()) + 1;
    sim.addUser({
      userId, username, bio: `Synthetic viewer ${i} of the benchmark.`, followersCount: i * 7, channelCreatedAt: '2024-05-01T12:00:00Z',
      profilePicture: `https://files.kick.com/images/user/${userId}/profile_image/conversion/avatar-fullsize.webp`,
    });
    sim.relations.push({ channelSlug: CHANNEL, username, followingSince: '2025-01-15T12:00:00Z', badges: [] });
    names.push(username);
  }
  return names;
}

/**
 * Appends one chat row per name, each a copy of a plain message row the simulated page rendered (the current layout,
 * test/kick-sim/fixtures/chat-row.ts) with the name changed, and keeps at most 200 rows mounted as the page does.
 */
export async function appendNamedRows(page: Page, names: string[]): Promise<void> {
  await page.evaluate((list) => {
    const container = document.querySelector('#chatroom-messages > div')!;
    const plain = [...container.querySelectorAll(':scope > [data-index]')].find(
      (row) => row.querySelectorAll('button[data-prevent-expand]').length === 1 && !row.querySelector('[class*="border-l-4"]') && !row.textContent?.includes('@'),
    );
    if (!plain) throw new Error('no plain chat row to copy');
    for (const name of list) {
      const row = plain.cloneNode(true) as Element;
      row.querySelector('button[data-prevent-expand]')!.textContent = name;
      container.append(row);
    }
    while (container.children.length > 200) container.firstElementChild!.remove();
  }, names);
}

export interface Shown {
  username: string;
  status: string;
}

/*
 * Waits below poll inside the page (one evaluate, checking every frame) rather than through page.waitForFunction:
 * Playwright's injected script for that adds about 0.5 MB to the page's heap (and page.hover's selector engine 0.8 MB
 * more), which would count against whichever side of a heap comparison used them.
 */

/** Waits until the content script listens: the same test as waitForContentScript (test/e2e/harness.ts). */
export async function waitReady(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const t0 = performance.now();
    for (;;) {
      if (document.documentElement.dataset.kickUserCards === 'ready') return;
      const host = document.querySelector('kick-user-cards');
      if (host !== null && host.shadowRoot === null) return;
      if (performance.now() - t0 > 15_000) throw new Error('the content script did not start');
      await new Promise((r) => requestAnimationFrame(r));
    }
  });
}

/** Moves the pointer off every name and waits until no card is open (the E2E build's open shadow root). */
export async function closeCard(page: Page, quick = false): Promise<void> {
  // Esc closes at once; moving away closes after the close delay, as a user's pointer would.
  if (quick) await page.keyboard.press('Escape');
  await page.mouse.move(4, 790);
  await page.evaluate(async () => {
    const t0 = performance.now();
    while (document.querySelector('kick-user-cards')?.shadowRoot?.querySelector('[data-kuc-card]')) {
      if (performance.now() - t0 > 5000) throw new Error('the card did not close');
      await new Promise((r) => requestAnimationFrame(r));
    }
    delete document.documentElement.dataset.kucLastOpen;
  });
}

/**
 * Scrolls the newest chat name reading `username` into view (so that moving the pointer there scrolls nothing) and
 * returns the centre of the name, checked to be what the pointer would hit there.
 */
export async function nameCentre(page: Page, username: string): Promise<{ x: number; y: number }> {
  return page.evaluate((u) => {
    const names = [...document.querySelectorAll('#chatroom-messages [data-index] button[data-prevent-expand]')].filter((b) => b.textContent?.trim() === u);
    const name = names.at(-1);
    if (!name) throw new Error(`no chat name ${u}`);
    name.scrollIntoView({ block: 'nearest' });
    const r = name.getBoundingClientRect();
    const at = { x: r.left + r.width / 2, y: r.top + r.height / 2 };
    if (!name.contains(document.elementFromPoint(at.x, at.y))) throw new Error(`chat name ${u} is covered at ${at.x},${at.y}`);
    return at;
  }, username);
}

/**
 * Waits until the card for `username` is shown with an answer (data, or an error such as the tab's rate limit): the
 * E2E build writes `data-kuc-last-open` when a card is shown in a state other than loading.
 */
export async function waitShown(page: Page, username: string): Promise<Shown> {
  return page.evaluate(async (u) => {
    const t0 = performance.now();
    for (;;) {
      const raw = document.documentElement.dataset.kucLastOpen;
      const open = raw ? (JSON.parse(raw) as { username: string; status: string }) : null;
      if (open && open.username === u && open.status !== 'loading') return { username: open.username, status: open.status };
      if (performance.now() - t0 > 15_000) throw new Error(`no card shown for ${u}`);
      await new Promise((r) => requestAnimationFrame(r));
    }
  }, username);
}

/** Points at the name (one pointer move, as `page.hover` makes, without its extra round trips) and waits for the card. */
export async function hoverUntilShown(page: Page, username: string, at?: { x: number; y: number }): Promise<Shown> {
  const { x, y } = at ?? (await nameCentre(page, username));
  await page.mouse.move(x, y);
  return waitShown(page, username);
}
