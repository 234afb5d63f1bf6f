import { memo, useEffect, useRef, useState } from 'react';
import type { UserCard } from '@/lib/cards/schema';
import { formatAgo, formatCount, formatDay, formatMonthYear, initials } from '@/lib/cards/format';
import { plural, t } from '@/lib/i18n/messages';
import type { KickErrorInfo } from '@/lib/kick/errors';
import type { SendToBackground } from '@/lib/messaging/send';
import type { CardChat, WhenOpened } from '@/lib/page/card-chat';
import type { ChatRecordAnswer } from '@/lib/messaging/protocol';
import type { LoadState } from '@/lib/page/card-data';
import type { CardField } from '@/lib/settings/settings';
import { CardNote } from './CardNote';
import { ChatLog, ChatLogSpace } from './ChatLog';
import { NewcomerSignals } from './NewcomerSignals';
import { ModActions } from './ModActions';
import { useModeration } from './use-moderation';

const ROLES: readonly string[] = ['owner', 'moderator', 'vip', 'og', 'subscriber', 'staff', 'founder', 'verified'];
const NETWORK_LABELS: Record<string, string> = { instagram: 'Instagram', twitter: 'X', youtube: 'YouTube', discord: 'Discord', tiktok: 'TikTok', facebook: 'Facebook' };

function Avatar({ url, name }: { url?: string; name: string }) {
  const [broken, setBroken] = useState(false);
  return (
    <div className="avatar" data-testid="card-avatar">
      {url && !broken ? <img src={url} alt="" referrerPolicy="no-referrer" onError={() => setBroken(true)} /> : <span aria-hidden="true">{initials(name)}</span>}
    </div>
  );
}

function Bio({ text }: { text: string }) {
  const [expanded, setExpanded] = useState(false);
  const [overflows, setOverflows] = useState(false);
  const ref = useRef<HTMLParagraphElement>(null);
  // Measured, not guessed: long words and short lines clamp differently. A ResizeObserver reads the size after the
  // browser's own layout, so opening a card forces no extra layout on the page's thread (issue #12).
  useEffect(() => {
    const el = ref.current;
    if (!el || expanded || typeof ResizeObserver === 'undefined') return;
    // A closed card is kept with display: none (CardLayer): nothing to measure there, and forgetting the answer would
    // take the button out at each close and build it again at each open.
    const observer = new ResizeObserver(() => el.clientHeight > 0 && setOverflows(el.scrollHeight > el.clientHeight + 1));
    observer.observe(el);
    return () => observer.disconnect();
  }, [text, expanded]);
  return (
    <div>
      <p ref={ref} dir="auto" className={`bio${expanded ? '' : ' clamped'}`} data-testid="card-bio">{text}</p>
      {(overflows || expanded) && (
        <button type="button" className="link-button" data-testid="card-bio-toggle" aria-expanded={expanded} onClick={() => setExpanded(!expanded)}>
          {t(expanded ? 'card.less' : 'card.more')}
        </button>
      )}
    </div>
  );
}

function Live({ card }: { card: UserCard }) {
  const live = card.live;
  if (!live) return null;
  if (!live.isLive)
    return (
      <div className="live" data-testid="card-live" data-live="false">
        <span className="pill off">{t('card.offline')}</span>
      </div>
    );
  return (
    <div className="live" data-testid="card-live" data-live="true">
      <span className="pill on">● {t('card.live')}</span>
      {live.viewerCount !== undefined && <span>{t('card.watching', { n: formatCount(live.viewerCount) })}</span>}
      {live.category && <span className="muted">· <bdi>{live.category}</bdi></span>}
      {live.title && <div className="stream-title" dir="auto" title={live.title}>{live.title}</div>}
    </div>
  );
}

function Relation({ card, fields }: { card: UserCard; fields: Record<CardField, boolean> }) {
  const rel = card.relation;
  if (!rel) return null;
  const following = formatDay(rel.followingSince);
  const ban = rel.ban;
  const banUntil = ban?.expiresAt && !ban.permanent ? formatDay(ban.expiresAt) : null;
  return (
    <div data-testid="card-relation">
      <dl className="facts">
        {following && (
          <>
            <dt>{t('card.following')} <bdi>{rel.channelSlug}</bdi></dt>
            <dd>{t('card.since', { date: following })}</dd>
          </>
        )}
        {rel.subscribedMonths !== undefined && (
          <>
            <dt>{t('card.subscribed')}</dt>
            <dd>{plural('card.months', rel.subscribedMonths)}</dd>
          </>
        )}
      </dl>
      {fields.badges && (rel.roles.length > 0 || ban) && (
        <div className="roles" data-testid="card-roles" aria-label={t('card.rolesIn', { channel: rel.channelSlug })}>
          {rel.roles.map((r) => (
            <span key={r} className="role">{ROLES.includes(r) ? t(`role.${r}` as 'role.owner') : r}</span>
          ))}
          {ban && <span className="role ban">{ban.permanent ? t('card.bannedPermanently') : banUntil ? t('card.timedOutUntil', { date: banUntil }) : t('card.timedOut')}</span>}
        </div>
      )}
    </div>
  );
}

const Actions = memo(function Actions({ card }: { card: UserCard }) {
  const [status, setStatus] = useState('');
  const copy = async (what: 'name' | 'id', value: string) => {
    try {
      await navigator.clipboard.writeText(value);
      setStatus(t(what === 'name' ? 'card.copiedName' : 'card.copiedId'));
    } catch {
      setStatus(t(what === 'name' ? 'card.copyNameFailed' : 'card.copyIdFailed'));
    }
  };
  const slug = card.slug ?? card.username.toLowerCase();
  // The username, never the display name: a display name can hold look-alike or reordering characters.
  const copyName = card.username;
  return (
    <>
      <div className="actions">
        <a className="btn primary" href={`https://kick.com/${encodeURIComponent(slug)}`} data-testid="card-open-channel">{t('card.openChannel')}</a>
        <button type="button" className="btn" data-testid="card-copy-name" onClick={() => void copy('name', copyName)}>{t('card.copyName')}</button>
        {card.userId !== undefined && (
          <button type="button" className="btn" data-testid="card-copy-id" onClick={() => void copy('id', String(card.userId))}>{t('card.copyId')}</button>
        )}
      </div>
      <div className="status body" role="status" aria-live="polite" data-testid="card-status">{status}</div>
    </>
  );
});

/**
 * The parts of a ready card that only its data decides: memos, so a card opened again for the same user (CardLayer
 * reuses it) re-renders only what reads the page at each open (note, newcomer signals, messages). Issue #12: a
 * cached open's cost was mostly Preact comparing this unchanged tree again.
 */
const CardHead = memo(function CardHead({ card, fields, titleId }: { card: UserCard; fields: Record<CardField, boolean>; titleId: string }) {
  const name = card.displayName || card.username;
  return (
    <>
      {fields.banner && <div className="banner">{card.bannerUrl && <img src={card.bannerUrl} alt="" referrerPolicy="no-referrer" />}</div>}
      <div className="head" style={fields.banner ? undefined : { marginTop: 12 }}>
        <Avatar url={card.avatarUrl} name={name} />
        <div className="who">
          <h2 className="name" id={titleId} data-testid="card-name">
            {/* Isolated, so what a name holds cannot reorder the text around it. */}
            <bdi data-testid="card-display-name">{name}</bdi>
            {card.verified && <span className="verified" role="img" aria-label={t('role.verified')}>✔</span>}
          </h2>
          <div className="slug" data-testid="card-slug">@<bdi>{card.slug ?? card.username}</bdi>{card.userId !== undefined && <span> · {t('card.id', { id: card.userId })}</span>}</div>
        </div>
      </div>
    </>
  );
});

const CardFacts = memo(function CardFacts({ card, fields }: { card: UserCard; fields: Record<CardField, boolean> }) {
  const channelAge = formatMonthYear(card.channelCreatedAt);
  return (
    <>
      {fields.live && <Live card={card} />}
      {fields.bio && card.bio && <Bio text={card.bio} />}
      <dl className="facts">
        {fields.followers && card.followersCount !== undefined && (
          <>
            <dt>{t('card.followers')}</dt>
            <dd data-testid="card-followers">{formatCount(card.followersCount)}</dd>
          </>
        )}
        {fields.channelCreated && channelAge && (
          <>
            <dt>{t('card.channelCreated')}</dt>
            <dd data-testid="card-channel-created">{channelAge} ({formatAgo(card.channelCreatedAt)})</dd>
          </>
        )}
      </dl>
      {fields.relation && <Relation card={card} fields={fields} />}
    </>
  );
});

const CardLinks = memo(function CardLinks({ card, fields, notice, onRetry }: { card: UserCard; fields: Record<CardField, boolean>; notice?: string; onRetry?: () => void }) {
  return (
    <>
      {fields.socials && card.socials.length > 0 && (
        <div className="socials" data-testid="card-socials">
          {card.socials.map((s) => (
            <a key={s.network} href={s.url} target="_blank" rel="noopener noreferrer">{NETWORK_LABELS[s.network]}</a>
          ))}
        </div>
      )}
      {notice && (
        <p className="notice" data-testid="card-notice">
          {notice}{' '}
          {card.sources.official === 'error' && onRetry && (
            <button type="button" className="link-button" data-testid="card-retry" onClick={onRetry}>{t('common.retry')}</button>
          )}
        </p>
      )}
    </>
  );
});

export function ReadyCard({ card, titleId, notice, fields, onRetry, chat, reads, send, moderatorActions = false, onOpenOptions = () => undefined, onHoldChange }: {
  card: UserCard;
  /** The id of the card's title, which names the dialog (unique among the cards kept, CardLayer.tsx). */
  titleId: string;
  /** Asks the background (the note): the content script's messenger. */
  send: SendToBackground;
  notice?: string;
  fields: Record<CardField, boolean>;
  onRetry?: () => void;
  chat?: CardChat;
  /** What the card read of the page at its last open (CardLayer.tsx); without it, no record and the clock at render. */
  reads?: PageReads;
  /** The "Moderator actions" setting: off, a card asks nothing about moderation. */
  moderatorActions?: boolean;
  onOpenOptions?: () => void;
  onHoldChange?: () => void;
}) {
  const mod = useModeration({ card, chat, send, enabled: moderatorActions, whenOpened: reads?.whenOpened });
  return (
    <>
      <CardHead card={card} fields={fields} titleId={titleId} />
      {mod && (
        <ModActions mod={mod} card={card} record={reads?.record?.view?.banned} chat={chat} onOpenOptions={onOpenOptions} onHoldChange={onHoldChange} />
      )}
      <div className="body">
        <NewcomerSignals card={card} record={reads?.record} now={reads?.now} />
        <CardFacts card={card} fields={fields} />
        {chat && <ChatLog key={card.username} userId={card.userId} chat={chat} record={reads?.record} whenOpened={reads?.whenOpened} mod={mod?.del ? mod : undefined} />}
        <CardLinks card={card} fields={fields} notice={notice} onRetry={onRetry} />
      </div>
      {/* With the card's other actions (card-design.md's footer), so the identity block leaves room for a moderator's row. */}
      <CardNote username={card.username} whenOpened={reads?.whenOpened} send={send} />
      <Actions card={card} />
    </>
  );
}

export function SkeletonCard({ username, titleId, chat }: { username: string; titleId: string; chat?: CardChat }) {
  return (
    <div className="skeleton" data-testid="card-skeleton" aria-busy="true">
      <div className="banner" />
      <div className="head">
        <div className="avatar" />
        <div className="who">
          <h2 className="name" id={titleId}>{username}</h2>
          <div className="slug">{t('common.loading')}</div>
        </div>
      </div>
      <div className="body">
        <div className="bar" style={{ width: '40%' }} />
        <div className="bar" style={{ width: '95%' }} />
        <div className="bar" style={{ width: '80%' }} />
        <div className="bar" style={{ width: '60%' }} />
        {chat && <ChatLogSpace chat={chat} />}
      </div>
    </div>
  );
}

function errorText(error: KickErrorInfo): { title: string; detail: string } {
  switch (error.code) {
    case 'rate_limited':
      return { title: t('cardError.busy'), detail: t('cardError.busyDetail', { s: Math.ceil(error.retryAfterSec ?? 30) }) };
    case 'not_found':
      return { title: t('cardError.notFound'), detail: error.message };
    case 'not_configured':
    case 'not_connected':
    case 'reconnect_needed':
      return { title: t('cardError.account'), detail: error.message };
    case 'timeout':
    case 'network':
      return { title: t('cardError.unreachable'), detail: error.message };
    default:
      return { title: t('cardError.failed'), detail: error.message };
  }
}

export function ErrorCard({ username, titleId, error, onRetry, onOpenOptions }: {
  username: string;
  titleId: string;
  error: KickErrorInfo;
  onRetry: () => void;
  onOpenOptions: () => void;
}) {
  const { title, detail } = errorText(error);
  const needsAccount = ['not_configured', 'not_connected', 'reconnect_needed', 'unauthorized', 'forbidden'].includes(error.code);
  return (
    <div className="error" data-testid="card-error" data-code={error.code}>
      <h2 id={titleId}>{t('cardError.title', { title, name: username })}</h2>
      <p data-testid="card-error-detail">{detail}</p>
      <div className="actions" style={{ border: 0, padding: 0 }}>
        {needsAccount && <button type="button" className="btn primary" onClick={onOpenOptions} data-testid="card-open-options">{t('common.openOptions')}</button>}
        {error.code !== 'not_found' && <button type="button" className="btn" onClick={onRetry} data-testid="card-retry">{t('common.retry')}</button>}
      </div>
    </div>
  );
}

/**
 * What a kept card read of the page at an open (CardLayer.tsx): this tab's record of their messages, the moment the
 * newcomer signals are judged at, and how its parts hear of later opens. Fields, not one object, so that an open that
 * read the same as the last renders nothing here.
 */
export interface PageReads {
  record?: ChatRecordAnswer;
  now?: number;
  whenOpened?: WhenOpened;
}

/**
 * What a card shows, by its load state. A memo: a kept card that is only hidden or shown again (CardLayer.tsx) does
 * not render its content again, nor does a new open of it that read the page as the last one did.
 */
export const CardContent = memo(function CardContent(props: {
  username: string;
  titleId: string;
  state: LoadState;
  fields: Record<CardField, boolean>;
  onRetry: () => void;
  onOpenOptions: () => void;
  chat?: CardChat;
  record?: ChatRecordAnswer;
  now?: number;
  whenOpened?: WhenOpened;
  send: SendToBackground;
  moderatorActions?: boolean;
  onHoldChange?: () => void;
}) {
  const { state, record, now, whenOpened } = props;
  if (state.status === 'loading') return <SkeletonCard username={props.username} titleId={props.titleId} chat={props.chat} />;
  if (state.status === 'error') return <ErrorCard username={props.username} titleId={props.titleId} error={state.error} onRetry={props.onRetry} onOpenOptions={props.onOpenOptions} />;
  return (
    <ReadyCard card={state.card} titleId={props.titleId} notice={state.notice} fields={props.fields} onRetry={props.onRetry} chat={props.chat}
      reads={{ record, now, whenOpened }} send={props.send} moderatorActions={props.moderatorActions} onOpenOptions={props.onOpenOptions} onHoldChange={props.onHoldChange} />
  );
});
