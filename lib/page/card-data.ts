import { LruMap } from '../cache/lru';
import type { UserCard } from '../cards/schema';
import { mergeCard, type OfficialPart, type WebPart } from '../cards/merge';
import type { KickErrorInfo } from '../kick/errors';
import type { CardResult } from '../messaging/protocol';
import type { WebResult } from '../kick-web/web-profile';

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
  now?: () => number;
}

/** Official-API answers that stay true for a while: worth remembering a card built without them. */
const LASTING_CODES = new Set(['not_configured', 'not_connected', 'not_found']);

/** Enough for every name on screen in a busy chat; a card is a few kB, so this stays well under 1 MB. */
export const MEMORY_MAX_ENTRIES = 200;

const CONNECT_HINT = 'Connect a Kick account in the extension options to add live status, banner and stream title from Kick’s API.';

function officialPart(result: CardResult | Error): OfficialPart {
  if (result instanceof Error) return { state: 'error', error: { code: 'network', message: `The extension could not answer: ${result.message}` } };
  if (result.ok) return { state: 'ok', profile: result.profile };
  return { state: result.error.code === 'not_found' ? 'not_found' : 'error', error: result.error };
}

/** What the card shows for a pair of answers: a card, a card with a notice, or an error with its reason. */
export function toLoadState(username: string, official: OfficialPart, web: WebPart): LoadState {
  if (official.state !== 'ok' && web.state !== 'ok') {
    if (official.state === 'not_found' || (web.state === 'not_found' && official.error?.code === 'not_configured'))
      return { status: 'error', error: { code: 'not_found', message: `No Kick user named “${username}”.` } };
    return { status: 'error', error: official.error ?? { code: 'network', message: 'Could not load this user.' } };
  }
  const card = mergeCard(username, official, web);
  let notice: string | undefined;
  if (official.state === 'error' && official.error) {
    notice = ['not_configured', 'not_connected'].includes(official.error.code) ? CONNECT_HINT : `Kick’s API: ${official.error.message}`;
  } else if (web.state === 'error') notice = 'Some details from kick.com could not be loaded.';
  return { status: 'ready', card, notice };
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
      const job = Promise.all([
        deps.official(username, force).catch((e: unknown) => (e instanceof Error ? e : new Error(String(e)))),
        deps.web(username, deps.channelSlug()).catch((): WebResult => ({ state: 'error' })),
      ])
        .then(([official, web]) => {
          const webPart: WebPart = web.state === 'ok' && web.profile ? { state: 'ok', profile: web.profile } : { state: web.state === 'ok' ? 'error' : web.state };
          const part = officialPart(official);
          const state = toLoadState(username, part, webPart);
          // A card missing what a passing failure cost (token, network, 5xx, 429) is not remembered,
          // so the next hover asks again and shows the real card once the failure has cleared.
          if (state.status === 'ready' && (part.state === 'ok' || LASTING_CODES.has(part.error?.code ?? ''))) memory.set(key, { state, at: now() });
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
