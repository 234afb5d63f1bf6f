import { useCallback, useLayoutEffect, useMemo } from 'react';
import { useStore } from 'zustand';
import type { SendToBackground } from '@/lib/messaging/send';
import type { CardChat } from '@/lib/page/card-chat';
import type { CardStore } from '@/lib/page/card-store';
import type { Theme } from '@/lib/settings/settings';
import { useCardPosition } from './card-position';
import { CARD_TITLE_ID, CardContent } from './UserCardContent';

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

/** The one open card, positioned next to its name with floating-ui and kept inside the viewport. */
export function CardLayer(props: CardLayerProps) {
  const open = useStore(props.store, (s) => s.open);
  // What the card shows: the open user's, or after it closed the last one's, kept hidden (card-store.ts `kept`). Its
  // openedAt says which open this is: a card reused for the same user reads what may have changed since.
  const view = useStore(props.store, (s) => s.open ?? s.kept);
  const settings = useStore(props.store, (s) => s.settings);
  const state = useStore(props.store, (s) => {
    const shown = s.open ?? s.kept;
    return shown ? s.loads.get(shown.username.toLowerCase()) : undefined;
  });
  const status = state?.status ?? 'loading';

  // Placed: in the frame that paints the card, after that frame's layout (card-position.ts), when it is first visible.
  // The hook calls the latest of these callbacks, so what it reads is current.
  const cardRef = useCardPosition<HTMLDivElement>(open?.anchor ?? null, open, (card) => {
    if (!open) return;
    props.onShown(open.username, status);
    // Keyboard-opened cards take focus so Tab continues inside them (once visible: a hidden element takes no focus).
    if (open.via === 'keyboard') card.focus();
  });
  // Once placed, a card that gets its data is shown again (the timing hook waits for data).
  useLayoutEffect(() => {
    if (open && cardRef.current?.hasAttribute('data-placed')) props.onShown(open.username, status);
  }, [open, status, props, cardRef]);

  // Read once per open and theme setting: without a class on <html> it asks for a computed style.
  const theme = useMemo(() => (open ? resolveTheme(settings.theme) : 'dark'), [open, settings.theme]);

  const shownUser = view?.username;
  // Stable per user, so the card's memoised parts (UserCardContent.tsx) are not rebuilt at each open.
  const { onRetry } = props;
  const retry = useCallback(() => {
    if (shownUser !== undefined) onRetry(shownUser);
  }, [onRetry, shownUser]);

  if (!view || shownUser === undefined) return null;
  return (
    <div
      ref={cardRef}
      className="kuc-card"
      // Closed: out of sight, of the focus order and of the accessibility tree until the next open.
      hidden={!open}
      role="dialog"
      aria-modal="false"
      aria-labelledby={CARD_TITLE_ID}
      tabIndex={-1}
      {...(__KUC_TEST_HOOKS__ && open ? { 'data-kuc-card': '' } : {})}
      data-state={status === 'loading' ? 'loading' : status}
      data-username={shownUser}
      data-theme={theme}
      style={{ overflowY: 'auto' }}
      onPointerEnter={props.onPointerEnter}
      onPointerLeave={props.onPointerLeave}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          props.onEscape();
        }
      }}
    >
      {open?.shownAs && (
        <p className="looked-up" data-testid="card-looked-up">
          Looked up @{open.username}
        </p>
      )}
      <CardContent
        // Another user's card starts afresh (its note editor, its message list); the same user's is reused as it is.
        key={shownUser.toLowerCase()}
        username={shownUser}
        state={state ?? { status: 'loading' }}
        fields={settings.fields}
        openedAt={view.openedAt}
        onRetry={retry}
        onOpenOptions={props.onOpenOptions}
        chat={props.chat}
        send={props.send}
      />
    </div>
  );
}
