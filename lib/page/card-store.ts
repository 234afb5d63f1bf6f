import { createStore } from 'zustand/vanilla';
import type { OpenVia } from './hover-intent';
import type { TextAnchor } from './text-mention';
import type { LoadState } from './card-data';
import { DEFAULT_SETTINGS, type Settings } from '../settings/settings';

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
  loads: Record<string, LoadState>;
  settings: Settings;
}

export const createCardStore = () => createStore<CardState>(() => ({ open: null, loads: {}, settings: DEFAULT_SETTINGS }));
export type CardStore = ReturnType<typeof createCardStore>;
