// @vitest-environment happy-dom
import { cleanup, fireEvent, render, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { formatClock } from '@/lib/cards/format';
import { mergeCard } from '@/lib/cards/merge';
import type { ChatHistory, ChatRecordAnswer } from '@/lib/messaging/protocol';
import type { CardChat } from '@/lib/page/card-chat';

type RecordView = NonNullable<ChatRecordAnswer['view']>;
import { ChatLog } from './ChatLog';
import { NewcomerSignals } from './NewcomerSignals';

afterEach(cleanup);

const card = (web: Parameters<typeof mergeCard>[2] = { state: 'ok', profile: { userId: 7, username: 'newbie_nora' } }) =>
  mergeCard('newbie_nora', { state: 'not_found' }, web);
const SINCE = Date.parse('2026-11-23T12:00:00Z');
const seen = (texts: string[], extra: Partial<RecordView> = {}): RecordView => ({
  messages: texts.map((text, i) => ({ text, at: SINCE + (texts.length - i) * 60_000 })),
  seen: texts.length,
  since: SINCE,
  complete: true,
  ...extra,
});
const chatWith = (view: RecordView | undefined, history: CardChat['history'] = () => Promise.resolve(undefined)): CardChat => ({
  onChannel: () => view !== undefined,
  record: () => Promise.resolve(live(view)),
  history,
  channel: () => 'streamer1',
  moderates: () => Promise.resolve(undefined),
});
const live = (view: RecordView | undefined): ChatRecordAnswer => (view ? { status: 'live', view } : { status: 'off' });
/** The log as a card shows it at an open: the chat, and the record's answer for this user. */
const renderLog = (view: RecordView | undefined, history?: CardChat['history'], userId: number | null = 7) =>
  render(<ChatLog userId={userId ?? undefined} chat={chatWith(view, history)} record={live(view)} />);
const items = (view: ReturnType<typeof render>) => [...view.getByTestId('card-chatlog-list').querySelectorAll('li')].map((li) => li.querySelector('.msg')!.textContent);

describe('their messages on the card', () => {
  it('lists what this tab saw, newest first, with the count and since when, text kept as text', () => {
    const hostile = '<img src=x onerror="window.__pwned=1">';
    const view = renderLog(seen(['third [emote:39284:vibePlz]', hostile, 'first']));
    expect(items(view)).toEqual(['third ', hostile, 'first']);
    expect(view.getByTestId('card-chatlog').dataset.source).toBe('tab');
    expect(view.getByTestId('card-chatlog-count').textContent).toBe('(3)');
    expect(view.getByTestId('card-chatlog-source').textContent).toMatch(/^Recorded from Kick’s chat since .+\.$/);
    expect(view.container.querySelector('img[src="x"]')).toBeNull();
    expect(view.container.querySelector('img.emote')).toMatchObject({ src: 'https://files.kick.com/emotes/39284/fullsize', alt: 'vibePlz', title: 'vibePlz' });
    expect(view.getByTestId('card-chatlog-list').tabIndex).toBe(0);
    expect(view.container.querySelector('time')!.dateTime).toBe(new Date(SINCE + 3 * 60_000).toISOString());
  });

  it('says how many it saw when it keeps fewer, and when others’ messages made room', () => {
    const view = renderLog(seen(['b', 'a'], { seen: 40, complete: false }));
    expect(view.getByTestId('card-chatlog-count').textContent).toBe('(40)');
    expect(view.getByTestId('card-chatlog-source').textContent).toMatch(/, less what it missed or made room for; the latest 2 shown\.$/);
  });

  it('builds the newest ten when the card opens, and the rest once the list is scrolled or focused', () => {
    const texts = Array.from({ length: 25 }, (_, i) => `m${25 - i}`);
    const view = renderLog(seen(texts));
    expect(items(view)).toEqual(texts.slice(0, 10));
    expect(view.getByTestId('card-chatlog-count').textContent).toBe('(25)');
    fireEvent.focus(view.getByTestId('card-chatlog-list'));
    expect(items(view)).toEqual(texts);
  });

  it('says it is connecting before the chat is followed, and why it is not when it failed, keeping what it saw', () => {
    const unanswered = render(<ChatLog userId={7} chat={chatWith(seen([]))} />);
    expect(unanswered.getByTestId('card-chatlog-source').textContent).toBe('');
    cleanup();
    const connecting = render(<ChatLog userId={7} chat={chatWith(seen([]))} record={{ status: 'connecting' }} />);
    expect(connecting.getByTestId('card-chatlog-source').textContent).toBe('Connecting to Kick’s chat…');
    expect(connecting.queryByTestId('card-chatlog-count')).toBeNull();
    cleanup();
    const failed = render(<ChatLog userId={7} chat={chatWith(seen([]))} record={{ status: 'failed', reason: 'Kick’s chat feed closed (1006)', view: seen(['kept']) }} />);
    expect(failed.getByTestId('card-chatlog-source').textContent).toMatch(/^Recorded from Kick’s chat since .+\. Kick’s chat is not being followed now: Kick’s chat feed closed \(1006\)\.$/);
    expect(items(failed)).toEqual(['kept']);
  });

  it('says the list comes from Kick’s recent messages, read when, when the chat socket does not bring the chat (issue #25)', () => {
    const READ = SINCE + 30 * 60_000;
    const refused = render(
      <ChatLog userId={7} chat={chatWith(seen([]))} record={{ status: 'failed', reason: 'Kick’s chat feed refused the connection (4001)', view: seen(['kept', 'older']), fromRecent: { at: READ } }} />,
    );
    expect(refused.getByTestId('card-chatlog-source').textContent).toBe(
      `From Kick’s recent messages (Kick’s chat is not being followed now: Kick’s chat feed refused the connection (4001)), read at ${formatClock(READ)}, back to ${formatClock(SINCE)}.`,
    );
    expect(items(refused)).toEqual(['kept', 'older']);
    cleanup();
    const silent = render(<ChatLog userId={7} chat={chatWith(seen([]))} record={{ status: 'live', view: seen(['x'], { seen: 3 }), fromRecent: { at: READ } }} />);
    expect(silent.getByTestId('card-chatlog-source').textContent).toBe(
      `From Kick’s recent messages (the chat socket is not answering), read at ${formatClock(READ)}, back to ${formatClock(SINCE)}; the latest 1 shown.`,
    );
  });

  it('shows a message Kick deleted as deleted', () => {
    const view = renderLog({ ...seen(['b']), messages: [{ text: 'b', at: SINCE }, { text: '', at: SINCE - 1, deleted: true }], seen: 2 });
    expect(view.getByTestId('card-chatlog-deleted').textContent).toBe('Deleted by Kick’s moderation');
    expect(view.getByTestId('card-chatlog-list').querySelectorAll('li')).toHaveLength(2);
  });

  it('says when Kick banned or timed them out in this chat, and until when, with their messages still listed', () => {
    const at = Date.now() - 60_000;
    const clock = formatClock;
    const timeout = renderLog(seen(['spam'], { banned: { at, until: at + 10 * 60_000 } }));
    expect(timeout.getByTestId('card-chatlog-banned').textContent).toBe(`Timed out in this chat at ${clock(at)}, until ${clock(at + 10 * 60_000)}.`);
    expect(items(timeout)).toEqual(['spam']);
    cleanup();
    const ban = renderLog(seen([], { banned: { at } }));
    expect(ban.getByTestId('card-chatlog-banned').textContent).toBe(`Banned from this chat at ${clock(at)}.`);
    cleanup();
    expect(renderLog(seen(['fine'])).queryByTestId('card-chatlog-banned')).toBeNull();
  });

  it('says when Kick’s earlier messages could not be read, after how far back the record reaches', () => {
    const view = renderLog(seen(['a'], { earlierUnread: 'kick.com answered 500' }));
    expect(view.getByTestId('card-chatlog-source').textContent).toBe(
      `Recorded from Kick’s chat since ${formatClock(SINCE)}. Kick’s earlier messages could not be read (kick.com answered 500).`,
    );
  });

  it('shows nothing off a channel page', () => {
    const view = renderLog(undefined);
    expect(view.queryByTestId('card-chatlog')).toBeNull();
  });

  it('for a moderator, shows Kick’s history instead and loads older pages on demand', async () => {
    const pages: Record<string, ChatHistory> = {
      first: { ok: true, messages: [{ text: 'newest', at: '2026-11-22T12:00:00Z' }, { text: 'middle', at: '2026-11-22T11:00:00Z' }], cursor: '99' },
      '99': { ok: true, messages: [{ text: 'oldest', at: '2026-11-20T09:00:00Z' }] },
    };
    const history = vi.fn((_userId: number, cursor?: string) => Promise.resolve(pages[cursor ?? 'first']));
    const view = renderLog(seen(['seen here']), history);
    await waitFor(() => expect(view.getByTestId('card-chatlog').dataset.source).toBe('kick'));
    expect(history).toHaveBeenCalledWith(7, undefined);
    expect(items(view)).toEqual(['newest', 'middle']);
    expect(view.getByTestId('card-chatlog-count').textContent).toBe('(2+)');
    expect(view.getByTestId('card-chatlog-source').textContent).toMatch(/^From Kick’s history \(you moderate this channel\), back to .+; older ones can be loaded\.$/);
    fireEvent.click(view.getByTestId('card-chatlog-older'));
    await waitFor(() => expect(items(view)).toEqual(['newest', 'middle', 'oldest']));
    expect(history).toHaveBeenLastCalledWith(7, '99');
    expect(view.queryByTestId('card-chatlog-older')).toBeNull();
    expect(view.getByTestId('card-chatlog-count').textContent).toBe('(3)');
  });

  it('keeps this tab’s list when Kick’s history fails, and says why', async () => {
    const view = renderLog(seen(['seen here']), () => Promise.resolve({ ok: false, reason: 'kick.com answered 403' }));
    await waitFor(() => expect(view.getByTestId('card-chatlog-error').textContent).toBe('Kick’s history could not be loaded (kick.com answered 403).'));
    expect(view.getByTestId('card-chatlog').dataset.source).toBe('tab');
    expect(items(view)).toEqual(['seen here']);
  });

  it('asks Kick nothing for a card without a user id', () => {
    const history = vi.fn(() => Promise.resolve(undefined));
    renderLog(seen([]), history, null);
    expect(history).not.toHaveBeenCalled();
  });
});

describe('newcomer signals on the card', () => {
  it('says each in words, the exact moment as the focusable text’s description', () => {
    const recent = new Date(Date.now() - 3_600_000).toISOString();
    const web = { state: 'ok' as const, profile: { userId: 7, channelCreatedAt: recent, relation: { channelSlug: 'streamer1', followingSince: recent, badges: [], roles: [] } } };
    const view = render(<NewcomerSignals card={card(web)} record={live(seen(['hi']))} />);
    const texts = [...view.getByTestId('card-newcomer').querySelectorAll('li > span[tabindex="0"]')].map((s) => s.textContent);
    expect(texts).toEqual(['Channel created in the last 7 days', 'Followed streamer1 in the last day', 'First message in this chat since you opened it']);
    for (const span of view.getByTestId('card-newcomer').querySelectorAll('li > span[tabindex="0"]'))
      expect(view.container.querySelector(`#${span.getAttribute('aria-describedby')}`)!.textContent).toMatch(/^(Created|Following since|Sent) \S/);
  });

  it('says nothing of a first message when the tab saw more than one, or could not count them all', () => {
    for (const view of [seen(['b', 'a']), seen(['a'], { complete: false })]) {
      const { container } = render(<NewcomerSignals card={card()} record={live(view)} />);
      expect(container.textContent).toBe('');
      cleanup();
    }
  });
});
