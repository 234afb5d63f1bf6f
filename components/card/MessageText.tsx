import type { ReactNode } from 'react';

/** Kick's emote token in message text (BP602/KickTalk utils/constants.js `kickEmoteRegex`, 2025-10-03). */
const EMOTE = /\[emote:(\d{1,12}):([\w!-]{0,50})\]/g;

/**
 * A chat message as text (never as markup), its emotes as images from Kick's own emote host
 * (`https://files.kick.com/emotes/{id}/fullsize`: KickTalk EmoteNode.jsx, NipahTV KickEmoteProvider.ts), named by alt and title.
 */
export function MessageText({ text }: { text: string }) {
  const parts: ReactNode[] = [];
  let last = 0;
  for (const m of text.matchAll(EMOTE)) {
    parts.push(text.slice(last, m.index));
    const name = m[2] || 'emote';
    parts.push(<img key={m.index} className="emote" src={`https://files.kick.com/emotes/${m[1]}/fullsize`} alt={name} title={name} referrerPolicy="no-referrer" />);
    last = m.index + m[0].length;
  }
  parts.push(text.slice(last));
  return <bdi className="msg">{parts}</bdi>;
}
