import type { CardLayerProps } from '@/components/card/CardLayer';
import type { ChatRecordSource } from './card-chat';

/** What the content script hands the card UI: the card layer's props, with the chat's record only (the UI adds Kick's history). */
export type CardUiProps = Omit<CardLayerProps, 'chat'> & { chat?: ChatRecordSource };

/**
 * The card's UI (Preact, floating-ui, the card's components and CSS) is not part of the content script that runs on
 * every kick.com page: the background injects it (`entrypoints/card-ui/`) into the content script's own isolated world
 * the first time the user reaches for a name (issue #12). Both scripts share that world's global object, and meet on it
 * under the symbol `Symbol.for(CARD_UI_MEETING)`. A symbol, not a name: the page cannot see that object, but its
 * elements' ids and names are named properties of it wherever it has no own one, so under a string key an element with
 * that id stood in for the meeting, and swapping it cut the two scripts apart (issue #25, item 9). No element is
 * named by a symbol.
 */
export const CARD_UI_MEETING = 'kick-user-cards:card-ui';
const MEETING_KEY = Symbol.for(CARD_UI_MEETING);

/** Renders the card layer into `root` and returns how to take it down again. */
export type CardUiMount = (root: ShadowRoot, props: CardUiProps) => () => void;

interface Meeting {
  mount?: CardUiMount;
  /** The viewer's clock, left by the background before the UI script runs (lib/background/card-ui-injection.ts). */
  hour12?: boolean;
  waiting?: (mount: CardUiMount) => void;
}

const meeting = (): Meeting => ((globalThis as typeof globalThis & { [MEETING_KEY]?: Meeting })[MEETING_KEY] ??= {});

/** What the background left for the UI script before running it. */
export function leftForCardUi(): { hour12?: boolean } {
  return { hour12: meeting().hour12 };
}

/** Called by the UI script when it runs: hands its mount function to the content script, now or when it asks. */
export function provideCardUi(mount: CardUiMount): void {
  const m = meeting();
  m.mount = mount;
  m.waiting?.(mount);
}

/**
 * Called by the content script: `then` runs once the UI script has run, whether or not the background's answer to the
 * injection ever arrives (a worker stopped mid-way still ran the script).
 */
export function whenCardUiProvided(then: (mount: CardUiMount) => void): void {
  const m = meeting();
  if (m.mount) then(m.mount);
  else m.waiting = then;
}
