import type { CardLoader, LoadState } from './card-data';
import type { SurfaceId } from '../settings/settings';
import { withLoad, type CardStore } from './card-store';
import { HoverIntent, type CloseReason } from './hover-intent';
import { findName, MESSAGE_TEXT_SELECTOR, rewrittenText, type FoundName } from './surfaces';
import { mentionAtPoint, TextAnchor } from './text-mention';

/** The documented keyboard shortcut on a focused name. Kick binds no Alt+Arrow keys. */
export const OPEN_SHORTCUT = { key: 'ArrowDown', altKey: true } as const;

export interface HoverCardsDeps {
  store: CardStore;
  loader: CardLoader;
  /** The shadow host of the card UI: events inside it belong to the card, not the page. */
  host: Element;
  onNavigate: (listener: () => void) => void;
  /**
   * Is the user typing in the card (its note editor), or does the open card ask to stay (a moderator's Undo)? Asked of
   * the shadow root, which only the content script holds.
   */
  typingInCard?: () => boolean;
  /** What a card's data waits for before it is asked, if anything (the card UI's arrival: lib/page/card-ui-loader.ts `settled`). */
  beforeLoad?: () => Promise<unknown> | undefined;
}

export interface Timing {
  username: string;
  /** The pointer entered the name (or the shortcut was pressed): prefetch starts here. */
  entered: number;
  intentEnd: number;
  shown: number;
  /**
   * The time of the animation frame the card was shown in (`document.timeline.currentTime`, the timestamp that frame's
   * requestAnimationFrame callbacks get), so the benchmark can count frames from the end of the delay to the card.
   */
  frame: number;
  status: string;
}

/**
 * Only the user's own input drives the cards. A page script's `dispatchEvent` makes untrusted events;
 * without this check kick.com (or any script on it) could open cards and send lookups at will.
 */
const fromUser =
  <E extends Event>(handler: (e: E) => void) =>
  (e: E) => {
    if (e.isTrusted) handler(e);
  };

/**
 * Delegated listeners on the document (no listener and no work per chat row) that turn pointer
 * and keyboard activity on usernames into one open card.
 */
export function startHoverCards(deps: HoverCardsDeps) {
  const { store, loader, host } = deps;
  let hovered: Element | TextAnchor | null = null;
  let moveFrame = 0;
  const inAnchor = (anchor: Element | TextAnchor, node: Node | null) => anchor instanceof Element && node !== null && anchor.contains(node);
  let restoreFocusTo: HTMLElement | null = null;
  let intentEnd = 0;
  let entered = 0;
  let anchorWatch: ReturnType<typeof setInterval> | null = null;
  // The element name last entered or focused: the card tells when its visible text is not the name looked up.
  let lastFound: FoundName | null = null;

  const setLoad = (username: string, state: LoadState) =>
    store.setState((s) => ({ loads: withLoad(s.loads, username.toLowerCase(), state, s.open?.username.toLowerCase()) }));

  const load = (username: string, force = false) => {
    const cached = force ? undefined : loader.cached(username);
    if (cached) return setLoad(username, cached);
    // A card already shown stays on screen while it refreshes; a new, failed or retried one shows the skeleton.
    const shown = store.getState().loads.get(username.toLowerCase());
    if (force || !shown || shown.status === 'error') setLoad(username, { status: 'loading' });
    const ask = () => void loader.load(username, { force }).then((state) => setLoad(username, state));
    // Asked in a task of its own: the pointer's event (which brings the card UI in) stays short (issue #27).
    setTimeout(() => {
      const first = deps.beforeLoad?.();
      if (first) void first.then(ask, ask);
      else ask();
    });
  };

  const intent = new HoverIntent<Element | TextAnchor>({
    openDelayMs: () => store.getState().settings.hoverDelayMs,
    prefetch: (username) => {
      entered = performance.now();
      load(username);
    },
    open: (anchor, username, via) => {
      intentEnd = performance.now();
      const shownAs = lastFound && lastFound.element === anchor ? (rewrittenText(lastFound) ?? undefined) : undefined;
      const openedAt = Date.now();
      store.setState({ open: { anchor, username, via, openedAt, shownAs } });
      anchorWatch ??= setInterval(() => {
        const open = store.getState().open;
        if (open && !open.anchor.isConnected) intent.dismiss('scroll');
      }, 500);
    },
    close: (reason: CloseReason) => {
      if (anchorWatch) clearInterval(anchorWatch);
      anchorWatch = null;
      store.setState({ open: null });
      if (reason === 'escape' && restoreFocusTo?.isConnected) restoreFocusTo.focus();
      restoreFocusTo = null;
    },
  });

  const enabled = (id: SurfaceId) => store.getState().settings.surfaces[id];

  const onPointerOver = fromUser((e: PointerEvent) => {
    if (e.target === host) return;
    const found = findName(e.target, enabled);
    if (found) {
      if (found.element !== hovered) {
        hovered = found.element;
        lastFound = found;
        intent.enterName(found.element, found.username);
      }
      return;
    }
    if (hovered) {
      hovered = null;
      intent.leaveName();
    }
  });
  // Plain-text @mentions have no element to enter: inside message text, follow the pointer (one frame at a time).
  const onPointerMove = fromUser((e: PointerEvent) => {
    if (hovered instanceof Element || moveFrame) return;
    const body = e.target instanceof Element ? e.target.closest(MESSAGE_TEXT_SELECTOR) : null;
    if (!body && !hovered) return;
    const { clientX, clientY } = e;
    moveFrame = requestAnimationFrame(() => {
      moveFrame = 0;
      const found = body && enabled('mention') ? mentionAtPoint(body, clientX, clientY) : null;
      if (found) {
        if (!(hovered instanceof TextAnchor && hovered.same(found.anchor))) {
          hovered = found.anchor;
          intent.enterName(found.anchor, found.username);
        }
      } else if (hovered instanceof TextAnchor) {
        hovered = null;
        intent.leaveName();
      }
    });
  });
  const onPointerOut = fromUser((e: PointerEvent) => {
    // Leaving the window altogether.
    if (e.relatedTarget === null && hovered) {
      hovered = null;
      intent.leaveName();
    }
  });
  const onKeyDown = fromUser((e: KeyboardEvent) => {
    if (e.key === 'Escape' && store.getState().open) {
      intent.dismiss('escape');
      return;
    }
    if (e.key === OPEN_SHORTCUT.key && e.altKey === OPEN_SHORTCUT.altKey && !e.ctrlKey && !e.metaKey) {
      const found = findName(e.target, enabled);
      if (!found) return;
      e.preventDefault();
      restoreFocusTo = found.element instanceof HTMLElement ? found.element : null;
      lastFound = found;
      intent.openNow(found.element, found.username, 'keyboard');
    }
  });
  // Typing in a pointer-opened card (its note editor) keeps it open while the pointer wanders (hover-intent.ts). Focus
  // moving inside the card reaches the document as a focusin on the host each time, so each move is judged again.
  const judgeHold = () => {
    if (store.getState().open?.via === 'pointer') intent.holdByFocus(deps.typingInCard?.() ?? false);
  };
  const onFocusIn = fromUser((e: FocusEvent) => {
    if (e.target === host) judgeHold();
  });
  const onFocusOut = fromUser((e: FocusEvent) => {
    const open = store.getState().open;
    if (!open) return;
    const next = e.relatedTarget as Node | null;
    const stays = next !== null && (next === host || host.contains(next));
    if (open.via === 'pointer') {
      if (e.target === host && !stays) intent.holdByFocus(false);
      return;
    }
    // A keyboard-opened card closes when focus leaves both the name and the card.
    if (stays || (next && inAnchor(open.anchor, next))) return;
    setTimeout(() => {
      const active = document.activeElement;
      if (active !== host && !inAnchor(open.anchor, active) && store.getState().open === open) intent.dismiss('left');
    }, 0);
  });
  // A click on a name opens Kick's own card: ours steps aside rather than cover it (the click itself is left alone).
  const onClick = fromUser((e: MouseEvent) => {
    if (e.target !== host && store.getState().open && findName(e.target, enabled)) intent.dismiss('replaced');
  });
  const onScroll = fromUser(() => {
    const open = store.getState().open;
    if (!open) return;
    const r = open.anchor.getBoundingClientRect();
    if (!open.anchor.isConnected || r.bottom < 0 || r.top > innerHeight || r.right < 0 || r.left > innerWidth) intent.dismiss('scroll');
  });

  document.addEventListener('pointerover', onPointerOver, { capture: true, passive: true });
  document.addEventListener('pointerout', onPointerOut, { capture: true, passive: true });
  document.addEventListener('pointermove', onPointerMove, { capture: true, passive: true });
  document.addEventListener('keydown', onKeyDown, { capture: true });
  document.addEventListener('focusin', onFocusIn, { capture: true });
  document.addEventListener('focusout', onFocusOut, { capture: true });
  document.addEventListener('scroll', onScroll, { capture: true, passive: true });
  document.addEventListener('click', onClick, { capture: true, passive: true });
  deps.onNavigate(() => intent.dismiss('navigation'));

  return {
    cardProps: {
      onRetry: (username: string) => load(username, true),
      onPointerEnter: () => intent.enterCard(),
      onPointerLeave: () => intent.leaveCard(),
      onEscape: () => intent.dismiss('escape'),
      onHoldChange: judgeHold,
      onShown: (username: string, status: string) => {
        // A test hook: on <html> kick.com would read who the user just looked at, so only the E2E build has it.
        if (!__KUC_TEST_HOOKS__ || status === 'loading') return;
        const timing: Timing = { username, entered, intentEnd, shown: performance.now(), frame: Number(document.timeline.currentTime), status };
        // Read by the E2E tests and the benchmark (the page and the content script share the DOM).
        document.documentElement.dataset.kucLastOpen = JSON.stringify(timing);
      },
    },
    stop() {
      document.removeEventListener('pointerover', onPointerOver, { capture: true });
      document.removeEventListener('pointerout', onPointerOut, { capture: true });
      document.removeEventListener('pointermove', onPointerMove, { capture: true });
      document.removeEventListener('keydown', onKeyDown, { capture: true });
      document.removeEventListener('focusin', onFocusIn, { capture: true });
      document.removeEventListener('focusout', onFocusOut, { capture: true });
      document.removeEventListener('scroll', onScroll, { capture: true });
      document.removeEventListener('click', onClick, { capture: true });
      intent.dismiss('navigation');
    },
  };
}
