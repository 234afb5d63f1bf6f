import { browser } from 'wxt/browser';
import { toKickErrorInfo } from '../kick/errors';
import { checkChatHistory } from '../kick-web/chat-history-check';
import { toSiteAccount } from '../kick-web/site-account';
import { buildWebProfile } from '../kick-web/web-profile';
import { isExtensionPage, type Handlers, type SenderInfo } from '../messaging/extension';
import type { CardResult, LayoutReport, WebFailureTally } from '../messaging/protocol';
import { tabMessenger } from '../messaging/send';
import { parseNotesFile, toNotesFile } from '../notes/notes-file';
import { NotesFullError } from '../notes/note-store';
import type { NoteUser } from '../notes/schema';
import { noteUserFor } from './note-identity';
import { loadSettings } from '../settings/settings';
import type { BackgroundServices } from './services';
import { TabBudgets } from '../rate/tab-budgets';
import { injectCardUi } from './card-ui-injection';
import { createChatFeeds, type ChatFeeds } from '../chat-feed/chat-feeds';
import { t } from '@/lib/i18n/messages';

const layoutKey = (tabId: number) => `layout:${tabId}`;
const webFailuresKey = (tabId: number) => `webFailures:${tabId}`;

/** A content script's forced refresh is honoured only for a card at least this old. */
export const FORCE_MIN_AGE_MS = 30_000;
/**
 * The card gets an answer within this, below the content script's 20 s message timeout; the
 * lookup goes on and lands in the cache, so the next hover shows it.
 */
export const LOOKUP_DEADLINE_MS = 12_000;

/** How long the popup waits for a kick.com tab to say who is signed in there (its own read times out at 6 s). */
export const SITE_ACCOUNT_DEADLINE_MS = 8_000;

export interface HandlerOptions {
  lookupDeadlineMs?: number;
  isTrustedSender?: (sender: SenderInfo) => boolean;
  injectCardUi?: (tabId: number, frameId: number) => Promise<void>;
  /** Asks a tab's content script for kick.com's current-user answer; tests replace the tab. */
  readSiteUser?: (tabId: number) => Promise<unknown>;
  /** The chats kick.com tabs show, followed on Kick's chat socket; tests pass one with their own socket. */
  chatFeeds?: ChatFeeds;
}

function askTabForSiteUser(tabId: number): Promise<unknown> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('timeout')), SITE_ACCOUNT_DEADLINE_MS)));
  return Promise.race([tabMessenger.sendMessage('readSiteUser', {}, tabId), late]).finally(() => clearTimeout(timer));
}

function withDeadline(work: Promise<CardResult>, ms: number): Promise<CardResult> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<CardResult>((resolve) => {
    timer = setTimeout(
      () => resolve({ ok: false, error: { code: 'timeout', message: t('error.slow') } }),
      ms,
    );
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

async function action(run: () => Promise<void>) {
  try {
    await run();
    return { ok: true as const };
  } catch (error) {
    return { ok: false as const, error: toKickErrorInfo(error) };
  }
}

/** The background's answer to every message of the protocol. Kick failures come back as data, never as a throw. */
export function createHandlers(services: BackgroundServices, options: HandlerOptions = {}): Handlers & { forgetTab(tabId: number): Promise<void>; chats: ChatFeeds } {
  const budgets = new TabBudgets();
  const chats = options.chatFeeds ?? createChatFeeds();
  const trusted = options.isTrustedSender ?? ((sender: SenderInfo) => isExtensionPage(sender));
  // The private windows' tabs that looked up a card: when the last of them goes, so do the cards they looked up.
  const privateTabs = new Set<number>();
  // Reports arrive in bursts (two reads per card): one at a time, so no count is lost between read and write.
  let tallying: Promise<unknown> = Promise.resolve();
  const noteUser = (user: NoteUser, sender: SenderInfo, message: string) => noteUserFor(user, sender, { trusted, cache: services.cache, message });
  return {
    chats,
    ping: ({ nonce }) => ({ nonce, version: browser.runtime.getManifest().version }),
    getUserCard({ username, forceRefresh }, sender) {
      // The extension's own pages are the user acting; a content script is the page, and is bounded.
      const fromPage = trusted(sender);
      const inPrivate = sender.tab?.incognito === true;
      if (inPrivate && sender.tab?.id !== undefined) privateTabs.add(sender.tab.id);
      const lookup = services.cards
        .lookup(username, {
          inPrivate,
          forceRefresh,
          forceMinAgeMs: fromPage ? 0 : FORCE_MIN_AGE_MS,
          budget: fromPage ? undefined : budgets.of(sender.tab?.id),
        })
        .then((result): CardResult => ({ ok: true, ...result }), (error: unknown): CardResult => ({ ok: false, error: toKickErrorInfo(error) }));
      return withDeadline(lookup, options.lookupDeadlineMs ?? LOOKUP_DEADLINE_MS);
    },
    /** Per-tab state goes with the tab. */
    async forgetTab(tabId) {
      budgets.forget(tabId);
      services.moderation.forgetTab(tabId);
      if (privateTabs.delete(tabId) && privateTabs.size === 0) await services.privateCache.clear();
      await browser.storage.session.remove([layoutKey(tabId), webFailuresKey(tabId)]);
    },
    async reportLayout(report, sender) {
      const tabId = sender.tab?.id;
      if (tabId !== undefined) await browser.storage.session.set({ [layoutKey(tabId)]: { ...report, at: Date.now() } });
      return { ok: true };
    },
    async reportWebFailure(report, sender) {
      const tabId = sender.tab?.id;
      if (tabId === undefined) return { ok: true };
      const key = webFailuresKey(tabId);
      const next = tallying.then(async () => {
        const before = (await browser.storage.session.get(key))[key] as WebFailureTally | undefined;
        const tally: WebFailureTally = { count: (before?.count ?? 0) + 1, last: { ...report, at: Date.now() } };
        await browser.storage.session.set({ [key]: tally });
      });
      tallying = next.catch(() => undefined);
      await next;
      return { ok: true };
    },
    // Checking kick.com's answers here keeps zod out of the content script (issue #12); no request leaves, so no budget.
    readWebProfile: (answers) => buildWebProfile(answers),
    readChatHistory: (input) => checkChatHistory(input),
    chatRecord: ({ username }, sender) => (sender.tab?.id === undefined ? { status: 'off' as const } : chats.open(sender.tab.id, username)),
    /** Into the frame that asked and nowhere else: a sender without a tab (an extension page) has no card to show. */
    async loadCardUi(_, sender) {
      const tabId = sender.tab?.id;
      if (tabId === undefined) return { ok: false, error: { code: 'rejected', message: t('error.onlyKickTab') } };
      return await action(() => (options.injectCardUi ?? injectCardUi)(tabId, sender.frameId ?? 0));
    },
    async openOptions() {
      await browser.runtime.openOptionsPage();
      return { ok: true };
    },
    async getTabInfo({ tabId }) {
      const [key, failuresKey] = [layoutKey(tabId), webFailuresKey(tabId)];
      const stored = await browser.storage.session.get([key, failuresKey]);
      const layout = stored[key] as (LayoutReport & { at: number }) | undefined;
      const webFailures = stored[failuresKey] as WebFailureTally | undefined;
      // A private window's popup counts its own cards; a normal window's never counts those.
      const tab = await browser.tabs.get(tabId).catch(() => undefined);
      const cards = tab?.incognito ? services.privateCache : services.cache;
      return { layout, webFailures, cachedCards: await cards.size() };
    },
    getAuthStatus: ({ live }) => services.auth.status({ live }),
    connect: () => action(async () => {
      await services.auth.connect();
      await services.scheduleRefresh();
    }),
    disconnect: () => action(async () => {
      await services.auth.disconnect();
      await services.scheduleRefresh();
    }),
    refreshNow: () => action(() => services.auth.refreshNow()),
    // The options page (a normal window's, in Chrome's and Firefox's "spanning" mode) empties both, and counts its own.
    async clearCache() {
      await services.privateCache.clear();
      return { cleared: await services.cache.clear() };
    },
    getPageSettings: async () => ({ settings: (await loadSettings()).settings }),
    getNote: async (user, sender) => ({ note: await services.notes.get(await noteUser(user, sender, 'getNote')) }),
    saveNote: async (input, sender) => ({ note: await services.notes.save({ ...input, ...(await noteUser(input, sender, 'saveNote')) }) }),
    async deleteNote(user, sender) {
      await services.notes.remove(await noteUser(user, sender, 'deleteNote'));
      return { ok: true };
    },
    listNotes: () => services.notes.list(),
    exportNotes: async () => toNotesFile((await services.notes.list()).notes),
    async importNotes({ text }) {
      const parsed = parseNotesFile(text);
      if (!parsed.ok) return parsed;
      try {
        return { ok: true, imported: await services.notes.import(parsed.notes) };
      } catch (error) {
        // The store's own bound says it in words; a browser's refusal (a quota it counts otherwise) is named as such.
        const why = error instanceof NotesFullError ? error.message : t('kickWeb.storeRefused', { reason: (error as Error).message });
        return { ok: false, reason: why };
      }
    },
    moderation: ({ channel }, sender) => services.moderation.capability(channel, sender),
    moderate: (input, sender) => services.moderation.act(input, sender),
    listModLog: async () => ({ entries: await services.modLog.list() }),
    async clearModLog() {
      await services.modLog.clear();
      return { ok: true };
    },
    // No content script in the tab (not kick.com, or loaded before the extension) is no answer: the popup says nothing.
    getSiteAccount: ({ tabId }) =>
      (options.readSiteUser ?? askTabForSiteUser)(tabId).then(toSiteAccount, () => toSiteAccount({ status: 0, error: 'no answer from a kick.com page in this tab' })),
  };
}
