import { LruMap } from '../cache/lru';
import type { UserCard } from '../cards/schema';
import { mergeCard, type OfficialPart, type WebPart } from '../cards/merge';
import type { KickErrorInfo } from '../kick/errors';
import type { CardResult } from '../messaging/protocol';
import type { WebReadFailure, WebResult } from '../kick-web/web-reads';
import { t, type MessageKey } from '@/lib/i18n/messages';

export type LoadState =
  | { status: 'loading' }
  | { status: 'ready'; card: UserCard; notice?: string }
  | { status: 'error'; error: KickErrorInfo };

export interface CardLoaderDeps {
  official: (username: string, forceRefresh: boolean) => Promise<CardResult>;
  web: (username: string, channelSlug: string | undefined) => Promise<WebResult>;
  channelSlug: () => string | undefined;
  ttlMs?: number;
  /** Cards kept in memory; the least recently used go first. */
  maxEntries?: number;
  /** Asked before a load reaches Kick (memory and loads in flight are free): see lib/rate/README.md, request budget. */
  budget?: { take(): boolean; waitMs(): number };
  now?: () => number;
}

/** Official-API answers that stay true for a while: worth remembering a card built without them. */
const LASTING_CODES = new Set(['not_configured', 'not_connected', 'not_found']);

/** Enough for every name on screen in a busy chat; a card is a few kB, so this stays well under 1 MB. */
export const MEMORY_MAX_ENTRIES = 200;

function officialPart(result: CardResult | Error): OfficialPart {
  if (result instanceof Error) return { state: 'error', error: { code: 'network', message: t('cardData.noAnswer', { reason: result.message }) } };
  if (result.ok) return { state: 'ok', profile: result.profile };
  return { state: result.error.code === 'not_found' ? 'not_found' : 'error', error: result.error };
}

const WEB_PARTS = { channel: 'cardData.webChannel', relation: 'cardData.webRelation' } as const satisfies Record<WebReadFailure['part'], MessageKey>;

/** Which part of the card kick.com did not give, and why: a failed read is never silent. */
export function webFailureNotice(failures: readonly WebReadFailure[]): string | undefined {
  if (failures.length === 0) return undefined;
  return failures.map((f) => t(WEB_PARTS[f.part], { reason: f.reason })).join(' ');
}

/** What the card shows for a pair of answers: a card, a card with a notice, or an error with its reason. */
export function toLoadState(username: string, official: OfficialPart, web: WebPart, webFailures: readonly WebReadFailure[] = []): LoadState {
  if (official.state !== 'ok' && web.state !== 'ok') {
    if (official.state === 'not_found' || (web.state === 'not_found' && official.error?.code === 'not_configured'))
      return { status: 'error', error: { code: 'not_found', message: t('cardData.noUser', { name: username }) } };
    const error = official.error ?? { code: 'network' as const, message: t('cardData.userFailed') };
    // Without an account kick.com is the card's only source: its failure is the real reason.
    const webNotice = webFailureNotice(webFailures);
    return { status: 'error', error: webNotice ? { ...error, message: `${error.message} ${webNotice}` } : error };
  }
  const card = mergeCard(username, official, web);
  const notices: string[] = [];
  if (official.state === 'error' && official.error)
    notices.push(['not_configured', 'not_connected'].includes(official.error.code) ? t('cardData.connectHint') : t('cardData.kickApi', { reason: official.error.message }));
  const webNotice = webFailureNotice(webFailures) ?? (web.state === 'error' ? t('cardData.webNoReason') : undefined);
  if (webNotice) notices.push(webNotice);
  return { status: 'ready', card, notice: notices.length ? notices.join(' ') : undefined };
}

/**
 * Loads a card's data in the content script: the background's official answer and kick.com's
 * own endpoints in parallel, merged; repeat hovers within `ttlMs` are answered from memory, which
 * holds at most `maxEntries` cards so a long session does not grow without bound.
 */
export function createCardLoader(deps: CardLoaderDeps) {
  const now = deps.now ?? Date.now;
  const ttl = deps.ttlMs ?? 60_000;
  const memory = new LruMap<string, { state: LoadState; at: number }>(deps.maxEntries ?? MEMORY_MAX_ENTRIES);
  const inFlight = new Map<string, Promise<LoadState>>();

  return {
    cached(username: string): LoadState | undefined {
      const key = username.toLowerCase();
      const hit = memory.get(key);
      if (!hit) return undefined;
      if (now() - hit.at < ttl) return hit.state;
      memory.delete(key);
      return undefined;
    },
    get size() {
      return memory.size;
    },
    load(username: string, { force = false } = {}): Promise<LoadState> {
      const key = username.toLowerCase();
      if (!force) {
        const hit = this.cached(key);
        if (hit) return Promise.resolve(hit);
        const running = inFlight.get(key);
        if (running) return running;
      }
      // kick.com's own endpoints are read from here, so this tab's budget is kept here too.
      if (deps.budget && !deps.budget.take()) {
        const retryAfterSec = Math.max(1, Math.ceil(deps.budget.waitMs() / 1000));
        return Promise.resolve({
          status: 'error',
          error: { code: 'rate_limited', retryAfterSec, message: t('error.cardsTooMany', { s: retryAfterSec }) },
        });
      }
      const slug = deps.channelSlug();
      const job = Promise.all([
        deps.official(username, force).catch((e: unknown) => (e instanceof Error ? e : new Error(String(e)))),
        // In a task after the background's question: a page's first message and its first read of kick.com each cost it
        // 5-10 ms (the bench's profile of a first open, issue #27), too much for one task together.
        new Promise((next) => setTimeout(next)).then(() => deps.web(username, slug)).catch((e: unknown): WebResult => ({
          state: 'error',
          failures: [{ part: 'channel', reason: e instanceof Error ? e.message.slice(0, 200) : t('cardData.unknown') }],
        })),
      ])
        .then(([official, web]) => {
          const webPart: WebPart = web.state === 'ok' && web.profile ? { state: 'ok', profile: web.profile } : { state: web.state === 'ok' ? 'error' : web.state };
          const part = officialPart(official);
          const state = toLoadState(username, part, webPart, web.failures);
          // A card missing what a passing failure cost (token, network, 5xx, 429, a failed kick.com read) is not remembered,
          // so the next hover asks again and shows the real card once the failure has cleared.
          if (state.status === 'ready' && !web.failures?.length && (part.state === 'ok' || LASTING_CODES.has(part.error?.code ?? ''))) memory.set(key, { state, at: now() });
          return state;
        })
        .finally(() => inFlight.delete(key));
      inFlight.set(key, job);
      return job;
    },
    clear: () => memory.clear(),
  };
}
export type CardLoader = ReturnType<typeof createCardLoader>;
