import type { KickSim } from '../kick-sim/index';

/**
 * What a user-level scenario needs from a browser, so each scenario is written once and runs in
 * Chromium (Playwright over CDP) and Firefox (puppeteer over WebDriver BiDi).
 */
export interface UiPage {
  url(): string;
  /** Runs `fn` in the page's own world; `fn` must not close over anything. */
  evaluate<R, A>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
  click(selector: string): Promise<void>;
  /** Replaces the value of a text field by typing, as a user would. */
  fill(selector: string, value: string): Promise<void>;
  hover(selector: string): Promise<void>;
  focus(selector: string): Promise<void>;
  mouseMove(x: number, y: number): Promise<void>;
  /** Presses a key on what has the focus, optionally with a modifier held (e.g. `press('ArrowDown', 'Alt')`). */
  press(key: string, modifier?: 'Alt' | 'Shift'): Promise<void>;
  /** Types into what has the focus, key by key; `\n` is the Enter key. */
  type(text: string): Promise<void>;
  /** Chooses a file in a file input, as a user would in the file picker. */
  setInputFile(selector: string, file: { name: string; text: string }): Promise<void>;
  /** Clicks what starts a download and answers the downloaded file. */
  download(selector: string): Promise<{ name: string; text: string }>;
  close(): Promise<void>;
}

/**
 * `secrets`: the extension's IndexedDB secret store (lib/auth/secret-store.ts); `notes`: its notes database, where a
 * browser that cannot keep storage from content scripts keeps them (lib/notes/note-places.ts).
 */
export type StorageArea = 'local' | 'session' | 'sync' | 'secrets' | 'notes';
export type ExtensionFile = 'popup.html' | 'options.html';

export interface BrowserDriver {
  browser: 'chromium' | 'firefox';
  sim: KickSim;
  /** The OAuth redirect URI this browser gives the extension (`identity.getRedirectURL()`). */
  redirectUri: string;
  /**
   * Whether the sign-in window stays open on Kick's error page when Kick refuses the authorize
   * request: Firefox shows it; Chrome shows no window and fails the flow with "Authorization page
   * could not be loaded." (both seen against the simulator).
   */
  showsRefusedSignIn: boolean;
  /** A kick.com page, once the content script listens. */
  openKick(path: string): Promise<UiPage>;
  /** An extension page (`?query` allowed), once it has rendered. */
  openExtensionPage(file: `${ExtensionFile}${string}`): Promise<UiPage>;
  /** The next window or tab whose URL matches, e.g. Kick's sign-in window. */
  nextPage(match: RegExp): Promise<UiPage>;
  getStorage(area: StorageArea): Promise<Record<string, unknown>>;
  setStorage(area: StorageArea, values: Record<string, unknown>): Promise<void>;
  /** `selector` for an element inside the card's (open, E2E build) shadow root, for click/fill/hover. */
  inCard(selector: string): string;
  /** Closes the browser and starts it again on the same profile, with the extension as installed (pages close). */
  restart(): Promise<void>;
  close(): Promise<void>;
}
