import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { SEED, type KickSim } from '../kick-sim/index';
import { DEFAULT_SETTINGS } from '../../lib/settings/settings-page';
import { configureAccount, evaluateInContentScript, getExtensionStorage, setExtensionStorage, waitForContentScript, type ExtensionSession } from './harness';
import { withExtensionBrowser } from './lifecycle';
import { card, closeCard, hoverAndWait } from './name-scenarios';

/**
 * The notes are the extension's, not the content script's (issue #25, item 8): from the content script's isolated world
 * no storage area yields a note, a note comes by message about one user named by username, and an id from the page is
 * refused, so it cannot move a note onto another user. The settings reach the tab by message too.
 */

let sim: KickSim;
let session: ExtensionSession;
let page: Page;

withExtensionBrowser((startedSim, startedSession) => {
  sim = startedSim;
  session = startedSession;
});

const maria = SEED.moderator;
const mariasNote = { userId: maria.userId, username: maria.username, nickname: 'Maria the mod', note: 'Kind.', updatedAt: 1_700_000_000_000 };
const olgasNote = { username: 'og_olga', nickname: 'Olga', note: 'Met at the meetup', updatedAt: 1_700_000_000_001 };

/** One protocol message from the content script's world, on @webext-core/messaging's wire format. */
const sendFromContentScript = (type: string, data: unknown) =>
  evaluateInContentScript<{ res?: unknown; err?: { message: string } }>(
    page,
    `new Promise((resolve) => chrome.runtime.sendMessage({ id: Date.now(), type: ${JSON.stringify(type)}, data: ${JSON.stringify(data)}, timestamp: Date.now() }, resolve))`,
  );

describe('notes, seen from the content script’s world', () => {
  beforeAll(async () => {
    await configureAccount(session, sim, { connected: true });
    await setExtensionStorage(session, 'sync', { 'note:id:1002': mariasNote, 'note:og_olga': olgasNote });
    page = await session.context.newPage();
    await page.goto(`https://kick.com/${SEED.mainChannel}`);
    await waitForContentScript(page);
  });
  afterAll(() => page.close());

  it('finds no note in storage.sync or storage.local (the browser refuses the read)', async () => {
    const read = await evaluateInContentScript<Record<string, string[] | string>>(
      page,
      `(async () => {
        const out = {};
        for (const area of ['sync', 'local']) {
          try { out[area] = Object.keys(await chrome.storage[area].get(null)); } catch (e) { out[area] = String(e.message ?? e); }
        }
        return out;
      })()`,
    );
    for (const area of ['sync', 'local']) {
      // Refused, not merely without notes (a list of keys here fails, and names them): nothing there is the page's.
      expect(read[area], area).toEqual(expect.stringMatching(/not allowed/i));
    }
    // The notes are still there for the extension itself.
    expect(Object.keys(await getExtensionStorage(session, 'sync')).filter((k) => k.startsWith('note:')).sort()).toEqual(['note:id:1002', 'note:og_olga']);
  });

  it('refuses a note asked, saved or deleted with a user id from the page, and moves nothing', async () => {
    for (const [type, data] of [
      ['getNote', { username: 'og_olga', userId: 999 }],
      ['saveNote', { username: 'og_olga', userId: 999, nickname: 'Olga', note: 'moved' }],
      ['deleteNote', { username: 'modmaria', userId: 1002 }],
    ] as const) {
      const answer = await sendFromContentScript(type, data);
      expect(answer.err?.message, type).toMatch(/names the user, not their id/);
    }
    const stored = await getExtensionStorage(session, 'sync');
    expect(stored['note:og_olga']).toEqual(olgasNote);
    expect(stored['note:id:1002']).toEqual(mariasNote);
    expect(stored['note:id:999']).toBeUndefined();
  });

  it('answers one user’s note by username; the card shows it, and the id comes from the background’s own lookup', async () => {
    expect(await sendFromContentScript('getNote', { username: 'og_olga' })).toEqual({ res: { note: olgasNote } });
    for (const [user, nickname] of [[maria.username, mariasNote.nickname], [SEED.og.username, olgasNote.nickname]] as const) {
      const link = await addLink(user);
      await hoverAndWait(page, link, user);
      await expect.poll(() => card(page).getByTestId('card-nickname').textContent()).toBe(`Your nickname: ${nickname}`);
      await closeCard(page);
    }
    // Kick's API told the background og_olga's id when her card was looked up: her note, kept by name, is now kept by it.
    const stored = await getExtensionStorage(session, 'sync');
    expect(stored[`note:id:${SEED.og.userId}`]).toEqual({ ...olgasNote, userId: SEED.og.userId });
    expect(stored['note:og_olga']).toBeUndefined();
  });

  it('gets its settings by message: a change made in the extension reaches the open tab', async () => {
    const link = await addLink('vipvictor');
    await setExtensionStorage(session, 'sync', { settings: { ...DEFAULT_SETTINGS, surfaces: { ...DEFAULT_SETTINGS.surfaces, link: false } } });
    await expect.poll(async () => {
      await page.mouse.move(4, page.viewportSize()!.height - 4);
      await page.hover(link);
      await page.waitForTimeout(600);
      return card(page).count();
    }, { timeout: 10_000 }).toBe(0);
    await setExtensionStorage(session, 'sync', { settings: DEFAULT_SETTINGS });
    await expect.poll(async () => {
      await page.mouse.move(4, page.viewportSize()!.height - 4);
      await page.hover(link);
      await page.waitForTimeout(600);
      return card(page).count();
    }, { timeout: 10_000 }).toBe(1);
  });
});

/** A link to a user's channel in the page (the link surface), where nothing else covers it. */
async function addLink(slug: string): Promise<string> {
  const id = `kuc-test-link-${slug}`;
  await page.evaluate(([s, i]) => {
    document.getElementById(i)?.remove();
    const a = document.createElement('a');
    a.href = `/${s}`;
    a.id = i;
    a.textContent = s;
    a.style.cssText = 'position:fixed;left:45%;top:45%;z-index:99999;padding:6px;background:#222;color:#fff';
    document.body.append(a);
  }, [slug, id] as const);
  return `#${id}`;
}
