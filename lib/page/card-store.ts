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
   * The cards the card UI keeps built and hidden once closed, the open one among them (components/card/kept-cards.ts
   * keeps this list; the content script never reads or writes it). Undefined until the card UI has loaded.
   */
  kept?: readonly KeptCard[];
  /** By lowercased name, least recently set first; at most LOADS_MAX (see withLoad). */
  loads: ReadonlyMap<string, LoadState>;
  settings: Settings;
  /** Bumped when the background says a note changed: the card UI forgets the notes it was told (lib/notes/page-note-cache.ts). */
  notesRevision: number;
}

export interface KeptCard {
  username: string;
  openedAt: number;
}

export const createCardStore = () => createStore<CardState>(() => ({ open: null, loads: new Map(), settings: DEFAULT_SETTINGS, notesRevision: 0 }));

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
