import { planRow, type PlannedRow } from './chat-plan';
import { chatRow, currentIdentity, groupDiv, messageBody, rowContent, type Badge, type RowParts } from './fixtures/chat-row';
import { enhancerNickname } from './fixtures/enhancer';
import { esc } from './fixtures/html';
import { modActions } from './fixtures/mod-actions';
import { ntvNotice, ntvRow } from './fixtures/nipahtv';
import { giftedSubsNotice, kicksGiftContent, kicksGiftRow, subscriptionNotice } from './fixtures/notices';
import { replyHeader } from './fixtures/reply-header';
import { sevenTvRow } from './fixtures/seventv';
import { ukickBlockButton } from './fixtures/ukick';
import { titleEraIdentity } from './fixtures/title-era';

/** The page variants the simulated kick.com serves (`?variant=`), each built from the fixtures' row shapes. */
/** `after-2026-08`: the current layout with the details seen since (Level badges, a gift's own text, uKick's ✕ beside
 * names, the hidden copy after the live panel, a 0×0 mobile list): kick-dom.md, "Chat socket, 2026-09". */
export const VARIANTS = ['current', 'title', 'nipahtv', 'seventv', 'rewritten', 'unknown', 'after-2026-08'] as const;
export type Variant = (typeof VARIANTS)[number];

export const parseVariant = (value: string | null): Variant => (VARIANTS as readonly string[]).includes(value ?? '') ? (value as Variant) : 'current';

/** Rows where another extension (Enhancer) rewrote the visible name, in the variants where it can (see enhancer.ts). */
export const isRewrittenSlot = (position: number) => position % 4 === 2;

const COLORS = ['#ff6b6b', '#4ecdc4', '#ffe66d', '#a29bfe', '#fd79a8', '#00cec9', '#fab1a0', '#81ecec', '#74b9ff', '#55efc4'];
const colorOf = (name: string) => COLORS[[...name].reduce((a, c) => a + c.charCodeAt(0), 0) % COLORS.length]!;
const timeOf = (position: number) => `12:${String(position % 60).padStart(2, '0')} PM`;

/** A message a test writes into the chat (`__sim.say`, pages.ts): its body is the text's HTML. */
export interface SaidRow {
  who: string;
  text: string;
  body: string;
  time: string;
}

/**
 * One chat row of `variant` at `position` (its `data-index` is set by the page's virtualiser), or, with `said`, a plain
 * message of the same shape with what the test wrote in it.
 */
export function renderRow(variant: Variant, position: number, index = position, said?: SaidRow): string {
  const row: PlannedRow = said ? { kind: 'chat', who: said.who, other: said.who, text: said.text, moderatorBadge: false } : planRow(position);
  const body = said ? said.body : messageBody(row.text);
  const time = said ? said.time : timeOf(position);
  const { who, other } = row;
  if (variant === 'unknown')
    // A row shape no registry has seen (e.g. the next Kick redesign): rows, but no known name element.
    return `<div data-index="${index}"><div class="x-row"><span class="x-name">${esc(who)}</span>: ${esc(row.text)}</div></div>`;

  const late = variant === 'after-2026-08';
  // A level per sender, as Kick shows one for everyone; uKick adds its ✕ after every name button.
  const lateIdentity = (name: string, badges: Badge[] = []) => currentIdentity(name, colorOf(name), badges, { level: 1 + (name.length * 7) % 60, after: ukickBlockButton(name) });
  const notice =
    row.kind === 'sub' ? subscriptionNotice(index, who, 3) :
    row.kind === 'gift' ? giftedSubsNotice(index, who, [other, planRow(position + 1).other]) :
    row.kind === 'kicks' && late ? kicksGiftRow(index, who, colorOf(who), 100, { message: `thanks @${other} for the hype`, identity: lateIdentity(who) }) :
    row.kind === 'kicks' ? kicksGiftRow(index, who, colorOf(who), 100) : null;
  // NipahTV rebuilds every row whose first child is `.group` (the Kicks row is one) and leaves the notice cards alone.
  if (notice && variant === 'nipahtv' && row.kind === 'kicks')
    return ntvRow({ index, time, name: who, color: colorOf(who), text: 'sent 100 KICKs', kickGroup: groupDiv(kicksGiftContent(who, colorOf(who), 100)) });
  if (notice) return variant === 'nipahtv' ? ntvNotice(notice) : notice;

  const badges: Badge[] = row.moderatorBadge ? ['moderator'] : [];
  const rewritten = !said && isRewrittenSlot(position);
  const identity =
    variant === 'title' ? titleEraIdentity(who, colorOf(who), badges) :
    variant === 'rewritten' ? titleEraIdentity(who, colorOf(who), badges, rewritten ? enhancerNickname(who) : who) :
    late ? lateIdentity(who, badges) :
    currentIdentity(who, colorOf(who), badges);
  const header = row.kind === 'reply' ? replyHeader(other, 'an earlier message') : undefined;
  // The simulated viewer moderates the channel, so every message carries the quick actions.
  const parts: RowParts = { index, time, identity, body, modActions: modActions(), replyHeader: header };

  if (variant === 'seventv') return sevenTvRow(chatRow(parts), row.text, row.moderatorBadge ? '7TV Subscriber' : undefined);
  if (variant === 'nipahtv')
    return ntvRow({
      index, time: parts.time, name: who, color: colorOf(who), visibleName: rewritten ? enhancerNickname(who) : undefined, text: row.text,
      kickGroup: groupDiv(rowContent(parts)), modButtons: true,
      reply: header ? { headerInner: header.replace(/^<button[^>]*>|<\/button>$/g, ''), headerText: `Replying to @${other}: an earlier message` } : undefined,
    });
  return chatRow(parts);
}
