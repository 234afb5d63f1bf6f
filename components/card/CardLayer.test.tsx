// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, render } from '@testing-library/react';
import { createCardStore } from '@/lib/page/card-store';
import { CardLayer } from './CardLayer';
import { notelessBackground } from '@/test/support/card-background';

afterEach(cleanup);

function open(shownAs?: string) {
  const store = createCardStore();
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
  it('keeps the last card hidden once closed, and shows the same DOM when that user opens again', () => {
    const store = createCardStore();
    const anchor = document.createElement('button');
    document.body.append(anchor);
    const noop = () => undefined;
    const view = render(<CardLayer store={store} onRetry={noop} onOpenOptions={noop} onPointerEnter={noop} onPointerLeave={noop} onEscape={noop} onShown={noop} send={notelessBackground} />);
    const openUser = (username: string, openedAt: number) =>
      act(() => store.setState({ open: { anchor, username, via: 'pointer', openedAt }, kept: { username, openedAt } }));
    openUser('modmaria', 1);
    const card = view.container.querySelector('.kuc-card')!;
    const content = card.lastElementChild;
    expect(card.hasAttribute('hidden')).toBe(false);
    act(() => store.setState({ open: null }));
    // Still there, out of sight (and of the accessibility tree), not announced as a card by the test hook.
    expect(view.container.querySelector('.kuc-card')).toBe(card);
    expect(card.hasAttribute('hidden')).toBe(true);
    expect(card.hasAttribute('data-kuc-card')).toBe(false);
    openUser('modmaria', 2);
    expect(card.hasAttribute('hidden')).toBe(false);
    expect(card.lastElementChild).toBe(content);
    // Another user's card is built afresh.
    openUser('vipvictor', 3);
    expect(card.getAttribute('data-username')).toBe('vipvictor');
    expect(card.lastElementChild).not.toBe(content);
  });
});
