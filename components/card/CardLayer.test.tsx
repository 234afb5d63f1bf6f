// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, render } from '@testing-library/react';
import { createCardStore } from '@/lib/page/card-store';
import { KEPT_MAX, keepCards } from './kept-cards';
import { CardLayer } from './CardLayer';
import { notelessBackground } from '@/test/support/card-background';

const stops: (() => void)[] = [];
afterEach(() => {
  cleanup();
  stops.splice(0).forEach((stop) => stop());
});

function open(shownAs?: string) {
  const store = createCardStore();
  // As the card UI's mount does (entrypoints/card-ui/index.tsx).
  stops.push(keepCards(store));
  const anchor = document.createElement('button');
  document.body.append(anchor);
  const noop = () => undefined;
  const view = render(<CardLayer store={store} onRetry={noop} onOpenOptions={noop} onPointerEnter={noop} onPointerLeave={noop} onEscape={noop} onShown={noop} send={notelessBackground} />);
  act(() => store.setState({ open: { anchor, username: 'modmaria', via: 'pointer', openedAt: 0, shownAs } }));
  return view;
}

describe('CardLayer', () => {
  it('says which name it looked up when the page showed another text for it', () => {
    const view = open('Maria ✦');
    expect(view.getByTestId('card-looked-up').textContent).toBe('Looked up @modmaria');
  });
  it('says nothing of the kind when the page showed the name itself', () => {
    const view = open();
    expect(view.queryByTestId('card-looked-up')).toBeNull();
  });
  it('keeps the cards last opened hidden once closed, and shows the same DOM when one of those users opens again', () => {
    const store = createCardStore();
    stops.push(keepCards(store));
    const anchor = document.createElement('button');
    document.body.append(anchor);
    const noop = () => undefined;
    const view = render(<CardLayer store={store} onRetry={noop} onOpenOptions={noop} onPointerEnter={noop} onPointerLeave={noop} onEscape={noop} onShown={noop} send={notelessBackground} />);
    let now = 0;
    const openUser = (username: string) =>
      act(() => store.setState({ open: { anchor, username, via: 'pointer', openedAt: ++now } }));
    const cards = () => [...view.container.querySelectorAll('.kuc-card')];
    const cardOf = (username: string) => view.container.querySelector(`.kuc-card[data-username="${username}"]`)!;
    const shown = () => cards().filter((c) => !c.hasAttribute('hidden')).map((c) => c.getAttribute('data-username'));

    openUser('modmaria');
    const maria = cardOf('modmaria');
    const content = maria.lastElementChild;
    expect(shown()).toEqual(['modmaria']);
    act(() => store.setState({ open: null }));
    // Still there, out of sight (and of the accessibility tree), not announced as a card by the test hook.
    expect(cardOf('modmaria')).toBe(maria);
    expect(maria.hasAttribute('hidden')).toBe(true);
    expect(maria.hasAttribute('data-kuc-card')).toBe(false);

    // Someone else, then back: the first card is shown again as it was built, the other one hidden.
    openUser('vipvictor');
    expect(shown()).toEqual(['vipvictor']);
    openUser('modmaria');
    expect(shown()).toEqual(['modmaria']);
    expect(cardOf('modmaria')).toBe(maria);
    expect(maria.lastElementChild).toBe(content);
    expect(maria.hasAttribute('data-kuc-card')).toBe(true);

    // Each card is named by its own title: no id is shared between the cards kept.
    const ids = cards().map((c) => c.getAttribute('aria-labelledby'));
    expect(new Set(ids).size).toBe(cards().length);
    for (const c of cards()) expect(c.querySelector(`[id="${c.getAttribute('aria-labelledby')}"]`)?.textContent).toContain(c.getAttribute('data-username'));

    // At most KEPT_MAX: the card opened longest ago gives up its slot; the others stay where they are, built as they were.
    const victor = cardOf('vipvictor');
    for (const name of ['og_olga', 'subsam']) openUser(name);
    expect(cards().map((c) => c.getAttribute('data-username'))).toEqual(['modmaria', 'vipvictor', 'og_olga', 'subsam']);
    openUser('cool_cat');
    expect(cards()).toHaveLength(KEPT_MAX);
    expect(cards().map((c) => c.getAttribute('data-username'))).toEqual(['modmaria', 'cool_cat', 'og_olga', 'subsam']);
    expect(cardOf('modmaria')).toBe(maria);
    expect(victor.isConnected).toBe(false);
    expect(shown()).toEqual(['cool_cat']);
  });
});
