import type { TokenManager } from '../auth/token-manager';
import type { TokenStore } from '../auth/token-store';
import type { KickApi } from '../kick/api-client';
import { isKickError, toKickErrorInfo, type KickErrorInfo } from '../kick/errors';
import { channelSlugFromPath } from '../kick-web/web-reads';
import type { SenderInfo } from '../messaging/extension';
import { TabBudgets } from '../rate/tab-budgets';
import type { ModLog } from './mod-log';
import { MOD_SCOPES, type ModCapability, type ModerateInput, type ModerateResult, type ModLogEntry, type Refusal } from './schema';
import { t } from '@/lib/i18n/messages';

/** Actions one tab may start in a minute (the moderator-actions issue): a page gone wrong cannot ban a whole chat. */
export const ACTIONS_PER_MINUTE = 20;

/** The words a card shows for each refusal; `kick` and `busy` use the error's own message (it holds the wait). */
// Getters: each is read when a card asks (in the browser's UI language), not when this module loads.
export const REFUSAL_TEXT: Readonly<Record<Exclude<Refusal, 'kick' | 'busy'>, string>> = {
  get scope() { return t('error.modScope'); },
  get refused() { return t('error.modRefused'); },
  get token() { return t('error.modToken'); },
  get off() { return t('error.modOff'); },
  get guard() { return t('error.modGuard'); },
};

const KICK_HOSTS = new Set(['kick.com', 'www.kick.com']);

/** The channel a tab shows (its page, popout chat or moderator view), from the tab's URL as the browser reports it. */
export function channelOfTab(sender: SenderInfo): string | undefined {
  const url = sender.tab?.url;
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' && KICK_HOSTS.has(parsed.hostname) ? channelSlugFromPath(parsed.pathname) : undefined;
  } catch {
    return undefined;
  }
}

export interface ModerationDeps {
  api: KickApi;
  tokens: TokenManager;
  store: Pick<TokenStore, 'getAccount'>;
  /** The channel's owner (its broadcaster_user_id), from the card lookup's cache or Kick (a private window's own cache). */
  channelOwner: (slug: string, inPrivate: boolean) => Promise<number>;
  /** The "Moderator actions" setting. */
  enabled: () => Promise<boolean>;
  log: ModLog;
  now?: () => number;
}

const failed = (refusal: Refusal, error: KickErrorInfo): ModerateResult => ({
  ok: false,
  refusal,
  error: { ...error, message: refusal === 'kick' || refusal === 'busy' ? error.message : REFUSAL_TEXT[refusal] },
});

/**
 * The background's half of the moderator actions: the only code that calls Kick's moderation endpoints. A card asks
 * (`moderate`, from a content script); this checks the setting, the account and its scopes, that the asking tab shows
 * that channel, the tab's budget and the target, then calls Kick once with the user's token (a 401 gets one refresh
 * and one retry, lib/auth/token-manager.ts), logs what happened, and says it in a way the card can show.
 */
export function createModeration(deps: ModerationDeps) {
  const now = deps.now ?? Date.now;
  const budgets = new TabBudgets(ACTIONS_PER_MINUTE, now);
  // Channels where Kick refused this account (`${userId}:${slug}`): the card stops offering unless kick.com says otherwise.
  const refusedHere = new Set<string>();
  // The same action asked twice while the first is at Kick joins it: one request, whatever the page or a retry does.
  const inFlight = new Map<string, Promise<ModerateResult>>();

  async function capability(channel: string, sender: SenderInfo): Promise<ModCapability> {
    if (!(await deps.enabled())) return { offer: false, why: 'off' };
    if (channelOfTab(sender) !== channel) return { offer: false, why: 'not_this_channel' };
    const account = await deps.store.getAccount();
    if (!account?.tokens) return { offer: false, why: 'not_connected' };
    const ban = account.tokens.scopes.includes(MOD_SCOPES.ban);
    const del = account.tokens.scopes.includes(MOD_SCOPES.del);
    if (!ban && !del) return { offer: false, why: 'no_scope' };
    const selfId = account.user?.userId;
    return { offer: true, ...(selfId ? { selfId } : {}), ban, del, refusedHere: refusedHere.has(`${selfId}:${channel}`) };
  }

  async function run(input: ModerateInput, sender: SenderInfo): Promise<ModerateResult> {
    const { channel, userId, action } = input;
    const tabId = sender.tab?.id;
    if (tabId === undefined || !(await deps.enabled())) return failed('off', { code: 'rejected', message: 'off' });
    if (channelOfTab(sender) !== channel) return failed('off', { code: 'rejected', message: t('error.modWrongTab') });
    const account = await deps.store.getAccount();
    if (!account?.tokens) return failed('off', { code: 'not_connected', message: 'No Kick account is connected.' });
    const scope = action.kind === 'delete' ? MOD_SCOPES.del : MOD_SCOPES.ban;
    if (!account.tokens.scopes.includes(scope)) return failed('scope', { code: 'forbidden', missingScope: scope, message: '' });
    const selfId = account.user?.userId;
    if (userId === selfId) return failed('guard', { code: 'rejected', message: 'yourself' });
    const budget = budgets.of(tabId);
    if (!budget.take()) {
      const waitSec = Math.max(1, Math.ceil(budget.waitMs() / 1000));
      return failed('busy', { code: 'rate_limited', retryAfterSec: waitSec, message: t('error.modTooMany', { s: waitSec }) });
    }
    let outcome: ModerateResult;
    let broadcaster: number | undefined;
    try {
      broadcaster = await deps.channelOwner(channel, sender.tab?.incognito === true);
      if (broadcaster === userId) return failed('guard', { code: 'rejected', message: 'the broadcaster' });
      const target = { broadcaster_user_id: broadcaster, user_id: userId };
      await deps.tokens.withUserToken((token) => {
        switch (action.kind) {
          case 'timeout':
            return deps.api.ban(token, { ...target, duration: action.minutes, ...(input.reason ? { reason: input.reason } : {}) });
          case 'ban':
            return deps.api.ban(token, { ...target, ...(input.reason ? { reason: input.reason } : {}) });
          case 'unban':
            return deps.api.unban(token, target);
          case 'delete':
            return deps.api.deleteMessage(token, action.messageId);
        }
      });
      const at = now();
      outcome = { ok: true, at, ...(action.kind === 'timeout' ? { until: at + action.minutes * 60_000 } : {}) };
      refusedHere.delete(`${selfId}:${channel}`);
    } catch (error) {
      outcome = refusalOf(error);
      // Kick's refusal may mean this account moderates nothing here (kick-api.md): cards stop offering in this channel,
      // unless the account is the channel's broadcaster, who always may (then it was the target: a moderator, banned).
      if (!outcome.ok && outcome.refusal === 'refused' && broadcaster !== undefined && broadcaster !== selfId) {
        refusedHere.add(`${selfId}:${channel}`);
        outcome = { ...outcome, channelRefused: true };
      }
    }
    // A private window's actions leave no trace in this browser (Kick keeps its own record of them).
    if (!sender.tab?.incognito) await deps.log.add(logEntry(input, outcome, now())).catch(() => undefined);
    return outcome;
  }

  return {
    capability,
    act(input: ModerateInput, sender: SenderInfo): Promise<ModerateResult> {
      const a = input.action;
      const key = [sender.tab?.id, input.channel, input.userId, a.kind, a.kind === 'timeout' ? a.minutes : a.kind === 'delete' ? a.messageId : ''].join('|');
      let job = inFlight.get(key);
      if (!job) {
        job = run(input, sender).finally(() => inFlight.delete(key));
        inFlight.set(key, job);
      }
      return job;
    },
    forgetTab: (tabId: number) => budgets.forget(tabId),
  };
}
export type Moderation = ReturnType<typeof createModeration>;

function logEntry(input: ModerateInput, outcome: ModerateResult, at: number): ModLogEntry {
  const { channel, username, userId, action } = input;
  return {
    at,
    channel,
    username,
    userId,
    action,
    ...(input.undo ? { undo: true } : {}),
    ...(input.reason ? { reason: input.reason } : {}),
    outcome: outcome.ok ? 'ok' : { refusal: outcome.refusal, message: outcome.error.message.slice(0, 300), ...(outcome.error.status ? { status: outcome.error.status } : {}) },
  };
}

/** What Kick's answer means for the card. */
function refusalOf(error: unknown): ModerateResult {
  const info = toKickErrorInfo(error);
  if (isKickError(error, 'unauthorized') || isKickError(error, 'reconnect_needed') || isKickError(error, 'invalid_grant')) return failed('token', info);
  if (isKickError(error, 'not_connected')) return failed('off', info);
  // A missing scope never reaches Kick (checked against the scopes Kick granted, above). Kick's other refusals are a 4xx
  // "Invalid request" whose status no public source records (kick-api.md "Moderation"): any 400/403/404 is "Kick refused".
  if (isKickError(error, 'forbidden') || isKickError(error, 'invalid_request') || isKickError(error, 'not_found')) return failed('refused', info);
  return failed('kick', info);
}
