// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, render } from '@testing-library/react';
import { createCardStore } from '@/lib/page/card-store';
import { CardLayer } from './CardLayer';

afterEach(cleanup);

function open(shownAs?: string) {
  const store = createCardStore();
  const anchor = document.createElement('button');
  document.body.append(anchor);
  const noop = () => undefined;
  const view = render(<CardLayer store={store} onRetry={noop} onOpenOptions={noop} onPointerEnter={noop} onPointerLeave={noop} onEscape={noop} onShown={noop} />);
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
});
