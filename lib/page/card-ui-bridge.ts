import type { CardLayerProps } from '@/components/card/CardLayer';
import type { ChatRecordSource } from './card-chat';

/** What the content script hands the card UI: the card layer's props, with the chat's record only (the UI adds Kick's history). */
export type CardUiProps = Omit<CardLayerProps, 'chat'> & { chat?: ChatRecordSource };

/**
 * The card's UI (Preact, floating-ui, the card's components and CSS) is not part of the content script that runs on
 * every kick.com page: the background injects it (`entrypoints/card-ui/`) into the content script's own isolated world
 * the first time the user reaches for a name (issue #12). Both scripts share that world's global object, which the page
 * cannot see; this key is where they meet.
 */
export const CARD_UI_GLOBAL_KEY = 'kick-user-cards:card-ui';

/** Renders the card layer into `root` and returns how to take it down again. */
export type CardUiMount = (root: ShadowRoot, props: CardUiProps) => () => void;

interface Meeting {
  mount?: CardUiMount;
  /** The viewer's clock, left by the background before the UI script runs (lib/background/card-ui-injection.ts). */
  hour12?: boolean;
  waiting?: (mount: CardUiMount) => void;
}

const meeting = (): Meeting => ((globalThis as typeof globalThis & { [CARD_UI_GLOBAL_KEY]?: Meeting })[CARD_UI_GLOBAL_KEY] ??= {});

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
