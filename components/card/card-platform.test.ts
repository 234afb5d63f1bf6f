// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { computePosition, flip, offset, platform } from '@floating-ui/dom';
import { cardPlatform, cardTranslation } from './card-platform';

/** A card whose layout box (with its translation) is at `box`, sized by its offsetWidth/Height. */
function cardAt(box: { x: number; y: number }, translation?: { x: number; y: number }, size = { width: 320, height: 200 }) {
  const card = document.createElement('div');
  Object.defineProperty(card, 'offsetWidth', { value: size.width });
  Object.defineProperty(card, 'offsetHeight', { value: size.height });
  card.getBoundingClientRect = () => DOMRect.fromRect({ ...box, ...size });
  if (translation) cardTranslation.set(card, translation);
  return card;
}
const nameAt = (x: number, y: number) => ({ getBoundingClientRect: () => DOMRect.fromRect({ x, y, width: 80, height: 20 }) });

describe('cardPlatform', () => {
  it('gives rects relative to the card’s containing block: where the card is, less its translation', async () => {
    // Moved by (100, 50) and seen at (124, 68): its containing block starts at (24, 18).
    const p = cardPlatform(cardAt({ x: 124, y: 68 }, { x: 100, y: 50 }), platform);
    const rects = await p.getElementRects({ reference: nameAt(200, 300), floating: document.createElement('div'), strategy: 'fixed' });
    expect(rects).toEqual({ reference: { x: 176, y: 282, width: 80, height: 20 }, floating: { x: 0, y: 0, width: 320, height: 200 } });
    const viewport = await p.getClippingRect({ element: document.body, boundary: 'clippingAncestors', rootBoundary: 'viewport', strategy: 'fixed' });
    expect({ x: viewport.x, y: viewport.y }).toEqual({ x: -24, y: -18 });
  });

  it('takes a card never moved to be at its containing block’s origin', async () => {
    const p = cardPlatform(cardAt({ x: 0, y: 0 }), platform);
    const { reference } = await p.getElementRects({ reference: nameAt(10, 20), floating: document.createElement('div'), strategy: 'fixed' });
    expect(reference).toMatchObject({ x: 10, y: 20 });
  });

  it('lets floating-ui place the card under its name, and above it when the viewport has no room below', async () => {
    // The part of the page a user sees (happy-dom's has no size).
    Object.defineProperty(window, 'visualViewport', { configurable: true, value: { offsetLeft: 0, offsetTop: 0, width: 1000, height: 700 } });
    const card = cardAt({ x: 0, y: 0 });
    const place = (name: ReturnType<typeof nameAt>) =>
      computePosition(name, card, { strategy: 'fixed', placement: 'bottom-start', middleware: [offset(6), flip({ padding: 8 })], platform: cardPlatform(card, platform) });
    expect(await place(nameAt(40, 100))).toMatchObject({ x: 40, y: 126, placement: 'bottom-start' });
    const low = 700 - 40;
    expect(await place(nameAt(40, low))).toMatchObject({ x: 40, y: low - 6 - 200, placement: 'top-start' });
  });
});
