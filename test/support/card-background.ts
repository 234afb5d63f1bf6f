import type { SendToBackground } from '../../lib/messaging/send';

/** What the card's components get as the content script's messenger in unit tests: a background with no note for anyone. */
export const notelessBackground = (() => Promise.resolve({ note: null })) as unknown as SendToBackground;
