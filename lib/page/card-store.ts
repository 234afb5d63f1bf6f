import { createStore } from 'zustand/vanilla';
import type { OpenVia } from './hover-intent';
import type { TextAnchor } from './text-mention';
import type { LoadState } from './card-data';
import type { Settings } from '../settings/settings';
import { DEFAULT_SETTINGS } from '../settings/settings-page';

/** What the card layer renders: at most one open card, and the load state of each name seen. */
export interface CardState {
  /** A name's element, or the text range of a plain-text @mention. */
  open: {
    anchor: Element | TextAnchor;
    username: string;
    via: OpenVia;
    openedAt: number;
    /** The page's visible text for the name when another extension rewrote it (the card names whom it looked up). */
    shownAs?: string;
  } | null;
  /**
   * The cards last opened (the open one among them), still rendered (hidden) after they closed, so that opening one of
   * these users again builds no new DOM (issue #12's cached open): going back to someone just looked at is the common
   * case of a cached card. Names only: no anchor, so no chat row is kept alive by them. See withKept.
   */
  kept: readonly KeptCard[];
  /** By lowercased name, least recently set first; at most LOADS_MAX (see withLoad). */
  loads: ReadonlyMap<string, LoadState>;
  settings: Settings;
}

export interface KeptCard {
  username: string;
  openedAt: number;
}

export const createCardStore = () => createStore<CardState>(() => ({ open: null, kept: [], loads: new Map(), settings: DEFAULT_SETTINGS }));

/** Cards kept built: a few, each a few hundred nodes at most (a card with its message list). */
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

/** Names whose load state the card layer keeps: the open card needs one, prefetches a few more. */
export const LOADS_MAX = 50;

/**
 * `loads` with `key` set to `state` (as the most recent), as a new Map for the store, bounded by
 * LOADS_MAX. The copy is O(LOADS_MAX), not O(names ever hovered). The open card's entry is never the
 * one dropped, so its card cannot fall back to the skeleton.
 */
export function withLoad(loads: ReadonlyMap<string, LoadState>, key: string, state: LoadState, keep?: string): Map<string, LoadState> {
  const next = new Map(loads);
  next.delete(key);
  next.set(key, state);
  for (const old of next.keys()) {
    if (next.size <= LOADS_MAX) break;
    if (old !== keep && old !== key) next.delete(old);
  }
  return next;
}
export type CardStore = ReturnType<typeof createCardStore>;
