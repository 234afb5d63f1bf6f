// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, render } from '@testing-library/react';
import { formatClock } from '@/lib/cards/format';
import { newcomerSignals } from '@/lib/cards/newcomer';
import { mergeCard } from '@/lib/cards/merge';
import type { SendToBackground } from '@/lib/messaging/send';
import type { CardChat } from '@/lib/page/card-chat';
import { createChatRecord } from '@/lib/chat-feed/chat-record';
import { createCardStore } from '@/lib/page/card-store';
import { KEPT_MAX, keepCards } from './kept-cards';
import { CardLayer } from './CardLayer';
import { notelessBackground } from '@/test/support/card-background';

// Called as ChatLog and NewcomerSignals render: how the test below counts their renders.
vi.mock('@/lib/cards/format', async (original) => {
  const actual = await original<typeof import('@/lib/cards/format')>();
  return { ...actual, formatClock: vi.fn(actual.formatClock) };
});
vi.mock('@/lib/cards/newcomer', async (original) => {
  const actual = await original<typeof import('@/lib/cards/newcomer')>();
  return { ...actual, newcomerSignals: vi.fn(actual.newcomerSignals) };
});

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

  it('renders nothing inside a card opened again when the page reads as it did, and what changed when it does not', async () => {
    // ChatLog shows when the record started (formatClock), NewcomerSignals judges the signals (newcomerSignals).
    const renders = () => ({ chatLog: vi.mocked(formatClock).mock.calls.length, signals: vi.mocked(newcomerSignals).mock.calls.length });
    const record = createChatRecord(() => 1_000);
    const history = vi.fn(() => Promise.resolve(undefined));
    // The background's answer, a new object each time as over messaging.
    const chat: CardChat = { onChannel: () => true, record: (username) => Promise.resolve({ status: 'live', view: record.view(username) }), history, channel: () => 'streamer1', moderates: () => Promise.resolve(undefined) };
    const asked = vi.fn();
    const send = ((...args: Parameters<SendToBackground>) => (asked(...args), notelessBackground(...args))) as SendToBackground;
    const store = createCardStore();
    stops.push(keepCards(store));
    const card = mergeCard('modmaria', { state: 'not_found' }, { state: 'ok', profile: { userId: 1003, username: 'modmaria' } });
    store.setState({ loads: new Map([['modmaria', { status: 'ready', card }]]) });
    const anchor = document.createElement('button');
    document.body.append(anchor);
    const noop = () => undefined;
    const view = render(<CardLayer store={store} chat={chat} onRetry={noop} onOpenOptions={noop} onPointerEnter={noop} onPointerLeave={noop} onEscape={noop} onShown={noop} send={send} />);
    const openAt = async (openedAt: number) => {
      const before = renders();
      // Async: the record's answer arrives after the open's render.
      await act(() => Promise.resolve(store.setState({ open: { anchor, username: 'modmaria', via: 'pointer', openedAt } })));
      const after = renders();
      act(() => store.setState({ open: null }));
      return { chatLog: after.chatLog - before.chatLog, signals: after.signals - before.signals };
    };
    const minute = Date.parse('2026-12-02T10:00:00Z');
    // The first open renders the signals twice: before the record's answer and with it.
    expect(await openAt(minute)).toEqual({ chatLog: 1, signals: 2 });
    view.getByText(/Recorded from Kick’s chat since/);
    expect(history).toHaveBeenCalledTimes(1);

    // The same minute, nothing new from them: neither renders. Kick's history is asked again; the note, known to the
    // tab since the first open (lib/notes/page-note-cache.ts), is not.
    expect(asked.mock.calls).toEqual([['getNote', { username: 'modmaria' }]]);
    expect(await openAt(minute + 20_000)).toEqual({ chatLog: 0, signals: 0 });
    expect(history).toHaveBeenCalledTimes(2);
    expect(asked).toHaveBeenCalledTimes(1);

    // They said something: the list shows it (its heading and the one new line each tell a time).
    record.add('modmaria', 'hello again', 'm-1', minute + 25_000);
    expect(await openAt(minute + 30_000)).toEqual({ chatLog: 2, signals: 1 });
    view.getByText('hello again');

    // A new minute: the newcomer signals are judged again, the list is left as it is.
    expect(await openAt(minute + 70_000)).toEqual({ chatLog: 0, signals: 1 });
  });
});
