import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { formatNearClock } from '@/lib/cards/format';
import type { UserCard } from '@/lib/cards/schema';
import { parts, t, type MessageKey } from '@/lib/i18n/messages';
import type { RecordView } from '@/lib/messaging/protocol';
import { longDuration, parseDuration, PRESET_MINUTES, shortDuration } from '@/lib/moderation/durations';
import type { ModAction, ModerateResult } from '@/lib/moderation/schema';
import type { CardChat } from '@/lib/page/card-chat';
import { ARM_MS, fromUserOnStillCard } from './mod-guard';
import type { CardModeration } from './use-moderation';

/** Kick's limit on a reason (lib/moderation/schema.ts MOD_REASON_MAX; a plain number here keeps zod off the page). */
const REASON_MAX = 100;
/** FFZ's default reasons (actions.jsx, card-design.md): one click fills the field, which stays editable. */
const REASONS = ['spam', 'links', 'evasion', 'threats', 'hate', 'ignoring'] as const;
/** How long Undo is offered after a timeout or ban; the card stays open meanwhile (card-design.md). */
export const UNDO_MS = 10_000;
/** What the length field reads (lib/moderation/durations.ts parseDuration): the same in every language. */
const LENGTH_SYNTAX = '90, 2h, 3d, 1w';

/** What the card knows of a ban: from its own action (`at`: when Kick answered), Kick's chat socket, or kick.com. */
type Standing = { banned: false } | { banned: true; until?: number };

/** The newest word on whether they are banned here: this card's own action, else Kick's chat, else kick.com's answer. */
function standingOf(own: { at: number; standing: Standing } | null, record: RecordView['banned'], card: UserCard): Standing {
  if (own && own.at >= (record?.at ?? 0)) return own.standing;
  if (record) return record.until !== undefined && record.until <= Date.now() ? { banned: false } : { banned: true, until: record.until };
  const ban = card.relation?.ban;
  if (!ban) return { banned: false };
  const until = ban.expiresAt ? Date.parse(ban.expiresAt) : undefined;
  if (!ban.permanent && until !== undefined && until <= Date.now()) return { banned: false };
  return { banned: true, until: ban.permanent ? undefined : until };
}

/**
 * The moderator's row under the card's identity (card-design.md "Anatomy"): the status line (what Kick says of a ban,
 * the result of the last action, Undo), one-click timeouts, a custom length, Ban behind one inline confirmation, and
 * an optional reason. Only trusted clicks and keys act, none within ARM_MS of the card appearing or moving (mod-guard.ts).
 */
export function ModActions({ mod, card, record, chat, onOpenOptions, onHoldChange }: {
  mod: CardModeration;
  card: UserCard;
  /** Kick's chat's word on a ban of theirs, as the tab's record answered at this open. */
  record?: RecordView['banned'];
  chat?: CardChat;
  onOpenOptions: () => void;
  /** The card's hold changed (Undo offered or gone): the content script judges again whether the pointer may close it. */
  onHoldChange?: () => void;
}) {
  const name = card.displayName || card.username;
  const [busy, setBusy] = useState(false);
  const [own, setOwn] = useState<{ at: number; standing: Standing } | null>(null);
  const [message, setMessage] = useState<{ text: string; refusal?: string; confirmed?: boolean } | null>(null);
  const [undoUntil, setUndoUntil] = useState(0);
  const [confirming, setConfirming] = useState(false);
  const [custom, setCustom] = useState<string | null>(null);
  const [reasonOpen, setReasonOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [stopped, setStopped] = useState(false);
  const [armed, setArmed] = useState(false);
  const section = useRef<HTMLElement>(null);
  const standing = standingOf(own, record, card);

  useEffect(() => {
    const timer = setTimeout(() => setArmed(true), ARM_MS);
    return () => clearTimeout(timer);
  }, []);
  // Undo is offered for UNDO_MS; the card is held open meanwhile (data-hold, read by the content script).
  useEffect(() => {
    if (!undoUntil) return;
    const timer = setTimeout(() => setUndoUntil(0), Math.max(0, undoUntil - Date.now()));
    return () => clearTimeout(timer);
  }, [undoUntil]);
  const pinned = undoUntil > 0 || confirming;
  useLayoutEffect(() => onHoldChange?.(), [pinned, onHoldChange]);

  /** A click or key the user made, on a card that has stood still for ARM_MS. */
  const fromUser = (e: { isTrusted: boolean; currentTarget: EventTarget | null }) => !busy && armed && fromUserOnStillCard(e);

  const run = async (action: ModAction, opts: { reason?: string; undo?: boolean } = {}) => {
    setBusy(true);
    setMessage(null);
    let result: ModerateResult;
    try {
      result = await mod.act(action, opts);
    } catch (error) {
      result = { ok: false, refusal: 'kick', error: { code: 'timeout', message: error instanceof Error ? error.message : String(error) } };
    } finally {
      setBusy(false);
    }
    if (!result.ok) {
      setMessage({ text: result.error.message, refusal: result.refusal });
      // The first refusal says this account may not moderate here, unless kick.com says it does.
      if (result.channelRefused && mod.siteModerates !== true) setStopped(true);
      return;
    }
    setReason('');
    setReasonOpen(false);
    setConfirming(false);
    setCustom(null);
    if (action.kind === 'delete') return;
    const standing: Standing = action.kind === 'unban' ? { banned: false } : { banned: true, until: result.until };
    setOwn({ at: result.at, standing });
    setUndoUntil(action.kind === 'unban' ? 0 : result.at + UNDO_MS);
    setMessage({ text: resultText(action, result) });
    void confirmFromChat(standing);
  };

  // Kick's chat announces what Kick did (UserBannedEvent / UserUnbannedEvent): the line says so when it is heard.
  const confirmFromChat = async (expected: Standing) => {
    for (let i = 0; i < 8 && chat; i++) {
      await new Promise((r) => setTimeout(r, 500));
      const view = (await chat.record(card.username).catch(() => undefined))?.view;
      if (view && Boolean(view.banned) === expected.banned) {
        setMessage((m) => (m && !m.refusal ? { ...m, confirmed: true } : m));
        return;
      }
    }
  };

  const act = (action: ModAction, opts: { reason?: string; undo?: boolean } = {}) => (e: React.MouseEvent | React.KeyboardEvent) => {
    if (!fromUser(e)) return;
    void run(action, { ...opts, ...(reason.trim() && !opts.undo && action.kind !== 'unban' ? { reason: reason.trim() } : {}) });
  };

  // Esc cancels an armed confirmation or an open field before it closes the card (caught before the card's own).
  useLayoutEffect(() => {
    if (!confirming && custom === null) return;
    const onKey = (e: KeyboardEvent) => {
      const root = section.current?.getRootNode() as ShadowRoot | undefined;
      if (e.key !== 'Escape' || !e.isTrusted || !section.current?.contains(root?.activeElement ?? null)) return;
      e.stopImmediatePropagation();
      setConfirming(false);
      setCustom(null);
      section.current.querySelector<HTMLElement>('[data-testid="card-mod-ban"], [data-testid="card-mod-custom"]')?.focus();
    };
    addEventListener('keydown', onKey, true);
    return () => removeEventListener('keydown', onKey, true);
  }, [confirming, custom]);
  useLayoutEffect(() => {
    if (confirming) section.current?.querySelector<HTMLInputElement>('[data-testid="card-mod-confirm-reason"]')?.focus();
  }, [confirming]);
  useLayoutEffect(() => {
    if (custom !== null) section.current?.querySelector<HTMLInputElement>('[data-testid="card-mod-custom-input"]')?.focus();
  }, [custom !== null]); // eslint-disable-line react-hooks/exhaustive-deps

  const parsed = custom === null ? null : parseDuration(custom);
  const undo = undoUntil > 0 && standing.banned;
  const lift = standing.banned ? t(standing.until === undefined ? 'mod.unban' : 'mod.endTimeout') : '';
  const status = statusText(standing, message);
  const disabled = busy || !armed || undefined;
  return (
    <section ref={section} className="mod" aria-label={t('mod.label')} data-testid="card-mod" data-armed={armed ? '' : undefined}
      data-busy={busy ? '' : undefined}
      // What is typed here is for the card, not for kick.com's own shortcuts.
      onKeyDown={(e) => e.key !== 'Escape' && e.stopPropagation()}>
      <div className="mod-status" role="status" aria-live="polite" data-testid="card-mod-status" data-refusal={message?.refusal}
        data-confirmed={message?.confirmed ? '' : undefined} data-hold={pinned ? '' : undefined}>
        {status && <span>{status}</span>}
        {undo && <button type="button" className="btn" data-testid="card-mod-undo" aria-disabled={disabled} onClick={act({ kind: 'unban' }, { undo: true })}>{t('mod.undo')}</button>}
        {!undo && lift && mod.ban && (
          <button type="button" className="btn" data-testid="card-mod-unban" aria-disabled={disabled} onClick={act({ kind: 'unban' })}>{lift}</button>
        )}
        {(message?.refusal === 'scope' || message?.refusal === 'token') && (
          <button type="button" className="link-button" data-testid="card-mod-options" onClick={onOpenOptions}>{t('common.openOptions')}</button>
        )}
      </div>
      {mod.ban && !stopped && !standing.banned && (confirming ? (
        <div className="mod-confirm" data-testid="card-mod-confirm">
          <span>{parts('mod.confirm', { name: <bdi>{name}</bdi> })}</span>
          <input data-testid="card-mod-confirm-reason" aria-label={t('mod.reasonOptional')} placeholder={t('mod.reasonOptional')} maxLength={REASON_MAX} value={reason}
            onInput={(e) => setReason(e.currentTarget.value)} onKeyDown={(e) => e.key === 'Enter' && act({ kind: 'ban' })(e)} />
          <div className="mod-row">
            <button type="button" className="btn danger" data-testid="card-mod-confirm-ban" aria-disabled={disabled} onClick={act({ kind: 'ban' })}>{t('mod.ban')}</button>
            <button type="button" className="btn" data-testid="card-mod-cancel" onClick={() => setConfirming(false)}>{t('common.cancel')}</button>
          </div>
        </div>
      ) : (
        <>
          <div className="mod-row">
            {PRESET_MINUTES.map((minutes) => (
              <button key={minutes} type="button" className="btn" data-testid={`card-mod-timeout-${minutes}`} aria-disabled={disabled}
                aria-label={t('mod.timeoutFor', { name, length: longDuration(minutes) })} title={t('mod.timeoutFor', { name, length: longDuration(minutes) })}
                onClick={act({ kind: 'timeout', minutes })}>
                {shortDuration(minutes)}
              </button>
            ))}
            <button type="button" className="btn" data-testid="card-mod-custom" aria-expanded={custom !== null} aria-label={t('mod.otherLength')}
              title={t('mod.otherLength')} onClick={(e) => e.isTrusted && setCustom(custom === null ? '' : null)}>…</button>
            <button type="button" className="btn danger mod-ban" data-testid="card-mod-ban" aria-disabled={disabled}
              onClick={(e) => fromUser(e) && setConfirming(true)}>{t('mod.ban')}</button>
          </div>
          {custom !== null && (
            <div className="mod-custom">
              <input data-testid="card-mod-custom-input" aria-label={t('mod.lengthLabel')} placeholder={LENGTH_SYNTAX} value={custom}
                aria-describedby="kuc-mod-parsed" onInput={(e) => setCustom(e.currentTarget.value)}
                onKeyDown={(e) => e.key === 'Enter' && parsed?.ok && act({ kind: 'timeout', minutes: parsed.minutes })(e)} />
              <span id="kuc-mod-parsed" className="muted" data-testid="card-mod-custom-parsed">
                {parsed?.ok ? `= ${longDuration(parsed.minutes)}` : parsed?.reason === 'range' ? t('mod.lengthRange') : parsed?.reason === 'format' ? t('mod.lengthExample', { syntax: LENGTH_SYNTAX }) : ''}
              </span>
              <button type="button" className="btn" data-testid="card-mod-custom-apply" aria-disabled={!parsed?.ok || disabled}
                onClick={(e) => parsed?.ok && act({ kind: 'timeout', minutes: parsed.minutes })(e)}>{t('mod.timeOut')}</button>
            </div>
          )}
          <button type="button" className="link-button mod-reason-toggle" data-testid="card-mod-reason-toggle" aria-expanded={reasonOpen}
            onClick={() => setReasonOpen(!reasonOpen)}>{reasonOpen ? '▾' : '▸'} {t('mod.reason')}</button>
          {reasonOpen && (
            <div className="mod-reason">
              <input data-testid="card-mod-reason" aria-label={t('mod.reasonLabel')} maxLength={REASON_MAX} value={reason}
                onInput={(e) => setReason(e.currentTarget.value)} />
              <div className="mod-chips">
                {REASONS.map((r) => reasonChip(t(`mod.reasons.${r}` satisfies MessageKey), setReason))}
              </div>
            </div>
          )}
        </>
      ))}
    </section>
  );
}

function resultText(action: ModAction, result: ModerateResult & { ok: true }): string {
  if (action.kind === 'timeout') return t('mod.timedOutFor', { length: longDuration(action.minutes), until: formatNearClock(result.until ?? result.at + action.minutes * 60_000) });
  return t(action.kind === 'ban' ? 'mod.banned' : 'mod.lifted');
}

/** The status line: the last action's result or Kick's refusal, else what is known of a ban. */
function statusText(standing: Standing, message: { text: string; refusal?: string; confirmed?: boolean } | null): string {
  if (message) return message.confirmed ? `${message.text} ${t('mod.confirmed')}` : message.text;
  if (!standing.banned) return '';
  return standing.until === undefined ? t('mod.bannedHere') : t('mod.timedOutUntil', { until: formatNearClock(standing.until) });
}

/** A preset reason: one click fills the field, which stays editable. */
function reasonChip(text: string, setReason: (text: string) => void) {
  return <button key={text} type="button" className="chip" onClick={() => setReason(text)}>{text}</button>;
}
