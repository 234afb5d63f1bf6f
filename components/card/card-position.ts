import { useLayoutEffect, useRef } from 'react';
import { autoUpdate, computePosition, flip, offset, platform, shift, type ComputePositionConfig, type ReferenceElement } from '@floating-ui/dom';
import { textDir } from '@/lib/i18n/messages';
import { cardPlatform, cardTranslation } from './card-platform';

/** Right to left (Arabic), the card hangs from the name's right edge and tries the left side before the right. */
const optionsFor = (rtl: boolean): Partial<ComputePositionConfig> => ({
  strategy: 'fixed',
  placement: rtl ? 'bottom-end' : 'bottom-start',
  middleware: [
    offset(6),
    // Below, above, then beside the name: a card taller than the room above and below (one with the chat log, in a
    // short window) sits beside the name instead of over it, so the name stays clickable for Kick's own card.
    // crossAxis false: a side is chosen for its width alone, and shift then slides the card up or down to fit.
    flip({ padding: 8, crossAxis: false, fallbackPlacements: rtl ? ['top-end', 'right-start', 'left-start'] : ['top-start', 'left-start', 'right-start'] }),
    // crossAxis: when no side has room, slide over the name rather than leave the viewport.
    shift({ padding: 8, crossAxis: true }),
  ],
});
let options: Partial<ComputePositionConfig> | undefined;
const positionOf = (anchor: ReferenceElement, el: HTMLElement) =>
  computePosition(anchor, el, { ...(options ??= optionsFor(textDir() === 'rtl')), platform: cardPlatform(el, platform) });

let revealed = false;
/**
 * Shows a placed card: at once, but for the page's first, which the frame after shows. The page's first card is laid
 * out by one frame, placed in a task after it and shown (painted for the first time, its layer committed) by the next:
 * in one frame, with the page's own paint, that was the longest task of a first open (11-15 ms of the thread's CPU in
 * the bench, issue #27). A frame (~16 ms) later, once per page.
 */
export function revealCard(show: () => void, nextFrame: (run: () => void) => unknown = requestAnimationFrame): void {
  if (revealed) return show();
  revealed = true;
  nextFrame(show);
}

/**
 * Places the open card next to its name with floating-ui, without forcing a layout and without a render of its own
 * (issue #12: a card open must be cheap on the page's thread). Measuring right after the card is added to the page
 * makes the browser lay out the whole page at once, mid-task (one such read was most of the positioning cost in the
 * bench's profile); a ResizeObserver calls back after the browser's own layout and before paint, when reading sizes
 * is free. The position is written to the element's style directly, so it costs no Preact commit; the card stays
 * hidden (card.css, `:not([data-placed])`) until then, and shows in the same frame (the page's first one frame later:
 * revealCard). After that scrolling and resizing (below) and floating-ui's autoUpdate (layout shifts) move it, and the
 * observer follows the card's own size.
 *
 * Returns the ref for the card element; `onPlaced` runs once per `key` (an open), when the card is first visible.
 */
export function useCardPosition<T extends HTMLElement>(anchor: ReferenceElement | null, key: unknown, onPlaced: (card: T) => void) {
  const card = useRef<T | null>(null);
  const placed = useRef(onPlaced);
  // Kept current for the observer, which calls back after layout (so after this effect).
  useLayoutEffect(() => {
    placed.current = onPlaced;
  });

  useLayoutEffect(() => {
    const el = card.current;
    if (!el || !anchor) return;
    let active = true;
    let first = true;
    const place = () => {
      void positionOf(anchor, el).then((at) => {
        if (!active) return;
        const [x, y] = [Math.round(at.x), Math.round(at.y)];
        const before = cardTranslation.get(el);
        el.style.transform = `translate(${x}px, ${y}px)`;
        cardTranslation.set(el, { x, y });
        // When the card last appeared or landed somewhere new: its moderator actions ignore clicks just after (ModActions.tsx ARM_MS).
        if (!first) {
          if (before?.x !== x || before?.y !== y) el.dataset.movedAt = String(performance.now());
          return;
        }
        first = false;
        revealCard(() => {
          if (!active) return;
          el.dataset.movedAt = String(performance.now());
          el.setAttribute('data-placed', '');
          placed.current(el);
        });
      });
    };
    let stopFollowing: (() => void) | undefined;
    const follow = () => {
      // autoUpdate's own scroll and resize watch starts by walking every ancestor of the name for its computed
      // overflow, at each open (a chat row sits deep in Kick's page): most of a cached open's positioning cost in the
      // bench's profile. A scroll anywhere reaches a capturing listener on the window, and the window's resize is the
      // only one there is, so two listeners follow the same moves without the walk.
      const stopAuto = autoUpdate(anchor, el, place, { elementResize: false, ancestorScroll: false, ancestorResize: false });
      const moved = { capture: true, passive: true } as const;
      addEventListener('scroll', place, moved);
      addEventListener('resize', place, moved);
      return () => {
        stopAuto();
        removeEventListener('scroll', place, moved);
        removeEventListener('resize', place, moved);
      };
    };
    const start = () => {
      if (active && !stopFollowing) stopFollowing = follow();
    };
    const sized = new ResizeObserver(() => {
      // autoUpdate places once as it starts; after that the card's own size changes call for it here.
      if (stopFollowing) place();
      // The page's first card is placed in a task of its own, after the frame that laid it out (revealCard).
      else if (revealed) start();
      else setTimeout(start);
    });
    sized.observe(el);
    return () => {
      active = false;
      sized.disconnect();
      stopFollowing?.();
      // The element may stay (hidden, or for the next name): hidden until placed again.
      el.removeAttribute('data-placed');
    };
  }, [anchor, key]);

  return card;
}
