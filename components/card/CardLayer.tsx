import { useLayoutEffect, useRef } from 'react';
import { autoUpdate, flip, offset, shift, useFloating } from '@floating-ui/react-dom';
import { useStore } from 'zustand';
import type { CardChat } from '@/lib/page/card-chat';
import type { CardStore } from '@/lib/page/card-store';
import type { Theme } from '@/lib/settings/settings';
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
  const settings = useStore(props.store, (s) => s.settings);
  const state = useStore(props.store, (s) => (s.open ? s.loads.get(s.open.username.toLowerCase()) : undefined));
  const cardRef = useRef<HTMLDivElement | null>(null);
  const { refs, floatingStyles, isPositioned } = useFloating({
    strategy: 'fixed',
    placement: 'bottom-start',
    open: Boolean(open),
    elements: { reference: open?.anchor ?? null },
    whileElementsMounted: autoUpdate,
    middleware: [
      offset(6),
      // Below, above, then beside the name: a card taller than the room above and below (one with the chat log, in a
      // short window) sits beside the name instead of over it, so the name stays clickable for Kick's own card.
      // crossAxis false: a side is chosen for its width alone, and shift then slides the card up or down to fit.
      flip({ padding: 8, crossAxis: false, fallbackPlacements: ['top-start', 'left-start', 'right-start'] }),
      // crossAxis: when no side has room, slide over the name rather than leave the viewport.
      shift({ padding: 8, crossAxis: true }),
    ],
  });

  const status = state?.status ?? 'loading';
  // Layout effect: runs as soon as the positioned card is in the DOM, so the timing is not delayed to the next frame.
  useLayoutEffect(() => {
    if (open && isPositioned) props.onShown(open.username, status);
  }, [open, isPositioned, status, props]);

  // Keyboard-opened cards take focus so Tab continues inside them.
  useLayoutEffect(() => {
    if (open?.via === 'keyboard' && isPositioned) cardRef.current?.focus();
  }, [open, isPositioned]);

  if (!open) return null;
  return (
    <div
      ref={(el) => {
        cardRef.current = el;
        refs.setFloating(el);
      }}
      className="kuc-card"
      role="dialog"
      aria-modal="false"
      aria-labelledby={CARD_TITLE_ID}
      tabIndex={-1}
      {...(__KUC_TEST_HOOKS__ ? { 'data-kuc-card': '' } : {})}
      data-state={status === 'loading' ? 'loading' : status}
      data-username={open.username}
      data-theme={resolveTheme(settings.theme)}
      style={{ ...floatingStyles, overflowY: 'auto', visibility: isPositioned ? 'visible' : 'hidden' }}
      onPointerEnter={props.onPointerEnter}
      onPointerLeave={props.onPointerLeave}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          props.onEscape();
        }
      }}
    >
      {open.shownAs && (
        <p className="looked-up" data-testid="card-looked-up">
          Looked up @{open.username}
        </p>
      )}
      <CardContent
        username={open.username}
        state={state ?? { status: 'loading' }}
        fields={settings.fields}
        onRetry={() => props.onRetry(open.username)}
        onOpenOptions={props.onOpenOptions}
        chat={props.chat}
      />
    </div>
  );
}
