import { memo, useCallback, useEffect, useId, useLayoutEffect, useMemo, useState } from 'react';
import { messagesLang, t, textDir } from '@/lib/i18n/messages';
import { useStore } from 'zustand';
import type { SendToBackground } from '@/lib/messaging/send';
import { sameRecord, type CardChat, type WhenOpened } from '@/lib/page/card-chat';
import type { ChatRecordAnswer } from '@/lib/messaging/protocol';
import type { CardStore, KeptCard as Kept } from '@/lib/page/card-store';
import type { Theme } from '@/lib/settings/settings';
import { useCardPosition } from './card-position';
import { CardContent } from './UserCardContent';

export interface CardLayerProps {
  store: CardStore;
  onRetry: (username: string) => void;
  onOpenOptions: () => void;
  onPointerEnter: () => void;
  onPointerLeave: () => void;
  onEscape: () => void;
  /** The chat being watched: this tab's record and Kick's history for moderators (components/card/ChatLog.tsx). */
  chat?: CardChat;
  /** The content script's messenger (the card's note asks the background through it). */
  send: SendToBackground;
  /** The card's hold changed (Undo offered, a ban armed): the content script judges again whether the pointer may close it. */
  onHoldChange?: () => void;
  /** Called once the card is painted with data, for hover-to-card timing. */
  onShown: (username: string, status: string) => void;
}

function resolveTheme(theme: Theme): 'dark' | 'light' {
  if (theme !== 'auto') return theme;
  const root = document.documentElement;
  if (root.classList.contains('dark')) return 'dark';
  if (root.classList.contains('light')) return 'light';
  return getComputedStyle(root).colorScheme === 'light' ? 'light' : 'dark';
}

const NONE: readonly Kept[] = [];

/**
 * The cards: the open one, positioned next to its name with floating-ui and kept inside the viewport, and the few
 * opened before it, kept built and hidden (kept-cards.ts), each in a slot of its own that never moves.
 */
export function CardLayer(props: CardLayerProps) {
  const kept = useStore(props.store, (s) => s.kept ?? NONE);
  return (
    <>
      {kept.map((k) => (
        <KeptCard key={k.username.toLowerCase()} username={k.username} openedAt={k.openedAt} layer={props} />
      ))}
    </>
  );
}

/**
 * One user's card, open or hidden. It reads the page at each open (`openedAt`: its last), and its memoised parts
 * (UserCardContent.tsx) are not built again when that user opens again, nor rendered again when what it read is as it was.
 */
const KeptCard = memo(function KeptCard({ username, openedAt, layer }: { username: string; openedAt: number; layer: CardLayerProps }) {
  const key = username.toLowerCase();
  const open = useStore(layer.store, (s) => (s.open && s.open.username.toLowerCase() === key ? s.open : null));
  const settings = useStore(layer.store, (s) => s.settings);
  const state = useStore(layer.store, (s) => s.loads.get(key));
  const status = state?.status ?? 'loading';
  // Unique among the kept cards: the dialog is named by its own title, not a hidden card's.
  const titleId = useId();

  // Placed: in the frame that paints the card, after that frame's layout (card-position.ts), when it is first visible.
  // The hook calls the latest of these callbacks, so what it reads is current.
  const cardRef = useCardPosition<HTMLDivElement>(open?.anchor ?? null, open, (card) => {
    if (!open) return;
    layer.onShown(open.username, status);
    // Keyboard-opened cards take focus so Tab continues inside them (once visible: a hidden element takes no focus).
    if (open.via === 'keyboard') card.focus();
  });
  // Once placed, a card that gets its data is shown again (the timing hook waits for data).
  useLayoutEffect(() => {
    if (open && cardRef.current?.hasAttribute('data-placed')) layer.onShown(open.username, status);
  }, [open, status, layer, cardRef]);

  // Read once per open and theme setting: without a class on <html> it asks for a computed style.
  const theme = useMemo(() => (open ? resolveTheme(settings.theme) : 'dark'), [open, settings.theme]);

  // Stable, so the card's memoised parts are not rebuilt at each open.
  const { onRetry } = layer;
  const retry = useCallback(() => onRetry(username), [onRetry, username]);
  const whenOpened = useCallback<WhenOpened>(
    (run) => layer.store.subscribe((s, before) => void (s.open !== before.open && s.open?.username.toLowerCase() === key && run())),
    [layer.store, key],
  );
  // The page as read at each open; a closed card keeps what it showed. The record's answer replaces the last only when
  // it shows something else (`sameRecord`), and the newcomer signals' clock moves once a minute (the first open in it),
  // so an open that finds the page as it was renders nothing inside the card (UserCardContent.tsx `CardContent`).
  const record = useChatRecord(layer.chat, username, openedAt);
  const minute = Math.floor(openedAt / 60_000);
  const now = useMemo(() => openedAt, [minute]); // eslint-disable-line react-hooks/exhaustive-deps

  return (
    <div
      ref={cardRef}
      className="kuc-card"
      dir={textDir()}
      lang={messagesLang()}
      // Closed: out of sight, of the focus order and of the accessibility tree until the next open.
      hidden={!open}
      role="dialog"
      aria-modal="false"
      aria-labelledby={titleId}
      tabIndex={-1}
      {...(__KUC_TEST_HOOKS__ && open ? { 'data-kuc-card': '' } : {})}
      data-state={status === 'loading' ? 'loading' : status}
      data-username={username}
      data-theme={theme}
      style={{ overflowY: 'auto' }}
      onPointerEnter={layer.onPointerEnter}
      onPointerLeave={layer.onPointerLeave}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          layer.onEscape();
        }
      }}
    >
      {open?.shownAs && (
        <p className="looked-up" data-testid="card-looked-up">
          {t('card.lookedUp')} @<bdi>{open.username}</bdi>
        </p>
      )}
      <CardContent
        username={username}
        titleId={titleId}
        state={state ?? { status: 'loading' }}
        fields={settings.fields}
        // Only a ready card shows it: an answer that comes while the card loads does not render the skeleton again.
        record={status === 'ready' ? record : undefined}
        now={now}
        whenOpened={whenOpened}
        onRetry={retry}
        onOpenOptions={layer.onOpenOptions}
        chat={layer.chat}
        send={layer.send}
        moderatorActions={settings.moderatorActions}
        onHoldChange={layer.onHoldChange}
      />
    </div>
  );
});

/** This tab's record of their messages, asked for at each open; the last answer until the next one shows something else. */
function useChatRecord(chat: CardChat | undefined, username: string, openedAt: number): ChatRecordAnswer | undefined {
  const [record, setRecord] = useState<ChatRecordAnswer | undefined>(undefined);
  useEffect(() => {
    if (!chat?.onChannel()) return;
    let current = true;
    chat.record(username).then(
      (answer) => current && setRecord((before) => (sameRecord(before, answer) ? before : answer)),
      (error: unknown) => {
        const reason = (error instanceof Error ? error.message : String(error)).slice(0, 300);
        if (current) setRecord((before) => (before?.status === 'failed' && before.reason === reason ? before : { status: 'failed', reason, view: before?.view }));
      },
    );
    return () => {
      current = false;
    };
  }, [chat, username, openedAt]);
  // Another page now (Kick changes pages without loading one): what the card showed belongs to the chat it left.
  return chat?.onChannel() ? record : undefined;
}
