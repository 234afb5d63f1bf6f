import { displayText } from '../cards/display';
import type { ChatHistory, MessageInput } from '../messaging/protocol';
import { WebUserMessagesSchema } from './schemas';
import { jsonOf, notJson } from './web-reads';
import { t } from '@/lib/i18n/messages';

/**
 * The background's half of a moderator's history read (./chat-history.ts reads it on the page): zod checks kick.com's
 * answer and keeps what the card shows. A message another user sent (the answer is for one user) or an empty one is
 * left out, never guessed at.
 */
export function checkChatHistory({ userId, body }: MessageInput<'readChatHistory'>): ChatHistory {
  const json = jsonOf(body);
  if (!json) return { ok: false, reason: notJson() };
  const parsed = WebUserMessagesSchema.safeParse(json.value);
  if (!parsed.success) return { ok: false, reason: t('kickWeb.shape') };
  const { messages, cursor } = parsed.data.data;
  const kept = messages.flatMap((m) => {
    const text = displayText(m.content ?? undefined)?.slice(0, 500);
    const time = Date.parse(m.created_at ?? '');
    if (!text || (m.sender?.id != null && m.sender.id !== userId)) return [];
    return [{ text, time, at: Number.isNaN(time) ? undefined : new Date(time).toISOString() }];
  });
  // Newest first whatever order kick.com used; undated messages keep their place at the end.
  kept.sort((a, b) => (Number.isNaN(b.time) ? -1 : Number.isNaN(a.time) ? 1 : b.time - a.time));
  const next = cursor == null ? '' : String(cursor);
  return {
    ok: true,
    messages: kept.slice(0, 100).map(({ text, at }) => (at ? { text, at } : { text })),
    ...(/^[1-9]\d{0,19}$/.test(next) ? { cursor: next } : {}),
  };
}
