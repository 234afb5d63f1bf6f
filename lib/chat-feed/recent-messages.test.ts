import { describe, expect, it } from 'vitest';
import { chatMessageData, recentMessageJson } from '../../test/kick-sim/fixtures/pusher-frames';
import { recentMessagesOf } from './recent-messages';

/** An answer in the captured shape (2023-12-29; lib/chat-feed/recent-messages.ts names the sources), newest first. */
const answer = (messages: unknown[]) => JSON.stringify({ status: { error: false, code: 200, message: 'SUCCESS' }, data: { messages, cursor: '1703671158445374', pinned_message: null } });
const message = (who: string, text: string, at: string, id: string) =>
  recentMessageJson(chatMessageData(2515504, { id: 7, username: who }, text, { at: new Date(at), id }), 2515504);

describe('recentMessagesOf', () => {
  it('reads Kick’s recent messages, oldest first, with the sender’s name, Kick’s text and time', () => {
    const body = answer([message('Cool_Cat', 'newer [emote:37226:KEKW]', '2026-11-30T20:00:05Z', 'b'), message('ann', '<b>older</b>', '2026-11-30T20:00:01Z', 'a')]);
    expect(recentMessagesOf(body)).toEqual({
      messages: [
        { id: 'a', userId: 7, username: 'ann', text: '<b>older</b>', at: Date.parse('2026-11-30T20:00:01Z') },
        { id: 'b', userId: 7, username: 'Cool_Cat', text: 'newer [emote:37226:KEKW]', at: Date.parse('2026-11-30T20:00:05Z') },
      ],
    });
  });

  it('keeps messages of one second in the order they were sent (Kick lists them newest first, its times to the second)', () => {
    const second = '2026-11-30T20:00:01Z';
    const body = answer([message('ann', 'third', second, 'c'), message('ann', 'second', second, 'b'), message('ann', 'first', '2026-11-30T20:00:00Z', 'a')]);
    expect(recentMessagesOf(body)).toMatchObject({ messages: [{ text: 'first' }, { text: 'second' }, { text: 'third' }] });
  });

  it('leaves out a message in a shape Kick was not seen to send, and keeps the rest', () => {
    const good = message('ann', 'fine', '2026-11-30T20:00:01Z', 'a');
    const odd = [{ ...good, sender: null }, { ...good, created_at: 'soon' }, { ...good, id: '' }, 'text', null];
    expect(recentMessagesOf(answer([...odd, good]))).toMatchObject({ messages: [{ id: 'a' }] });
  });

  it('says why an answer gives none', () => {
    expect(recentMessagesOf('<html>')).toEqual({ reason: 'kick.com answered with something other than JSON' });
    expect(recentMessagesOf('{"data":{"messages":null}}')).toEqual({ reason: 'kick.com answered its recent messages in an unexpected shape' });
    expect(recentMessagesOf(JSON.stringify({ data: { messages: Array.from({ length: 201 }, () => ({})) } }))).toHaveProperty('reason');
  });
});
