import type { Platform, Rect, ReferenceElement } from '@floating-ui/dom';

/** Where the card was last moved by its transform (card-position.ts writes it), per card element. */
export const cardTranslation = new WeakMap<Element, { x: number; y: number }>();

/**
 * floating-ui's measuring for the card, told what its DOM platform would find out by walking the page at each open
 * (issue #12: the walk was about half of a cached open's positioning CPU in the bench's profile, in computed styles of
 * every ancestor, offset parents and clipping ancestors). The card is `position: fixed; top: 0; left: 0` in a host
 * that is a child of <body> (card.css, entrypoints/kick.content), and placed by a translation alone, so:
 * - its containing block is the viewport, or an ancestor with a transform (a page may put one on <body>): wherever it
 *   is, it sits where the card would be with no translation, measured once per placing (the card's box less its
 *   current translation), and every rect is given relative to it;
 * - nothing but the viewport limits where it may go (a fixed element is clipped by no scrolling ancestor);
 * - its size is its layout box, without the translation.
 * A scaled or rotated containing block is not handled (guess: kick.com scales nothing it holds; the default platform
 * would measure the scale).
 */
export function cardPlatform(card: HTMLElement, base: Platform): Platform {
  let origin: { x: number; y: number } | undefined;
  const containingBlock = () => {
    if (origin) return origin;
    const box = card.getBoundingClientRect();
    const moved = cardTranslation.get(card) ?? { x: 0, y: 0 };
    return (origin = { x: box.left - moved.x, y: box.top - moved.y });
  };
  const relative = (rect: { x: number; y: number; width: number; height: number }): Rect => {
    const o = containingBlock();
    return { x: rect.x - o.x, y: rect.y - o.y, width: rect.width, height: rect.height };
  };
  return {
    ...base,
    getElementRects: ({ reference }: { reference: ReferenceElement }) => ({
      reference: relative(reference.getBoundingClientRect()),
      floating: { x: 0, y: 0, ...layoutSize(card) },
    }),
    getClippingRect: () => relative(viewportRect()),
    getDimensions: (element) => layoutSize(element as HTMLElement),
    // Rects are already relative to the containing block, at scale 1: nothing to convert, no offset parent to read.
    convertOffsetParentRelativeRectToViewportRelativeRect: ({ rect }) => rect,
    getOffsetParent: () => window,
    getScale: () => ({ x: 1, y: 1 }),
    // The card's placements ('bottom-start', …) mean the same in any page direction: no computed style to read.
    isRTL: () => false,
  };
}

/** An element's layout box size: what a transform does to it does not count. */
const layoutSize = (el: HTMLElement) => ({ width: el.offsetWidth, height: el.offsetHeight });

/** The part of the page the user sees, in the viewport's coordinates (pinch-zoom moves it), without scrollbars. */
function viewportRect(): Rect {
  const v = window.visualViewport;
  if (v) return { x: v.offsetLeft, y: v.offsetTop, width: v.width, height: v.height };
  const html = document.documentElement;
  return { x: 0, y: 0, width: html.clientWidth, height: html.clientHeight };
}
