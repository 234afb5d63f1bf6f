import type { CardState, CardStore, KeptCard } from '@/lib/page/card-store';

/*
 * Which cards the card UI keeps built: the last few opened, hidden once closed, so that opening one of these users again
 * builds no new DOM (issue #12's cached open). Going back to someone just looked at is the common case of a cached
 * card. Names only: no anchor, so no chat row is kept alive by them. Kept here, in the card UI, which alone needs it:
 * the content script, which every kick.com page loads, has a size budget.
 */

/** Cards kept built: a few, each some dozens of elements (a ready card has 44). */
export const KEPT_MAX = 4;

/**
 * `kept` after `card` opened: its slot updated, else a new one, else the slot of the card opened longest ago taken
 * over. Slots never move, so neither does any kept card's DOM (Preact would move the nodes to follow a reordered list).
 */
export function withKept(kept: readonly KeptCard[], card: KeptCard): KeptCard[] {
  const key = card.username.toLowerCase();
  const same = kept.findIndex((k) => k.username.toLowerCase() === key);
  const next = [...kept];
  if (same >= 0) next[same] = card;
  else if (next.length < KEPT_MAX) next.push(card);
  else {
    let oldest = 0;
    for (let i = 1; i < next.length; i++) if (next[i]!.openedAt < next[oldest]!.openedAt) oldest = i;
    next[oldest] = card;
  }
  return next;
}

/**
 * Keeps the store's `kept` following the opens, from the moment the card UI mounts; returns the stop. It writes in the
 * same synchronous notification as the open, so Preact renders both changes in one pass.
 */
export function keepCards(store: CardStore): () => void {
  const keep = (open: NonNullable<CardState['open']>) =>
    store.setState((s) => ({ kept: withKept(s.kept ?? [], { username: open.username, openedAt: open.openedAt }) }));
  const { open } = store.getState();
  if (open) keep(open);
  return store.subscribe((state, previous) => {
    if (state.open && state.open !== previous.open) keep(state.open);
  });
}
