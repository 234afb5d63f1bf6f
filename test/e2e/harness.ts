/// <reference types="chrome" />
import { mkdtemp, rm, mkdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import type { Timing as OpenTiming } from '../../lib/page/hover-cards';
export type { OpenTiming };
import type { KickSim } from '../kick-sim/index';
import { notesDatabaseExpression, secretStoreExpression } from './secret-store-access';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/**
 * Two Chrome builds: `npm run build` makes the production package, with no test hook and a closed
 * shadow root; `npm run build:e2e` makes the same code with the hooks the tests read (the readiness
 * marker, `data-kuc-last-open` timings, `[data-kuc-card]`) and an open shadow root for Playwright's
 * locators. Most tests drive the E2E build; test/e2e/page-isolation.e2e.ts drives the production one.
 */
export const BUILDS = {
  e2e: path.resolve(import.meta.dirname, '../../.output/chrome-mv3-e2e'),
  production: path.resolve(import.meta.dirname, '../../.output/chrome-mv3'),
  /** The E2E build with a token relay at https://relay.test (`build:e2e`; test/e2e/relay.e2e.ts maps that host). */
  relay: path.resolve(import.meta.dirname, '../../.output/chrome-mv3-e2e-relay'),
} as const;
export type BuildName = keyof typeof BUILDS;
/** The build most tests load. */
export const EXTENSION_PATH = BUILDS.e2e;
export const PRODUCTION_EXTENSION_PATH = BUILDS.production;
export const ARTIFACTS_DIR = path.resolve(import.meta.dirname, 'artifacts');
/** Every host the simulator plays: kick.com's, and Kick's chat socket (Pusher's us2 cluster, test/kick-sim/pusher.ts). */
export const KICK_HOSTS = ['kick.com', 'www.kick.com', 'web.kick.com', 'api.kick.com', 'id.kick.com', 'files.kick.com', 'ws-us2.pusher.com'] as const;

export interface ExtensionSession {
  context: BrowserContext;
  /** The browser profile; closing the context alone (not `close()`) keeps it for a restart. */
  userDataDir: string;
  extensionId: string;
  /** Origin of the extension's pages, e.g. chrome-extension://<id> */
  origin: string;
  serviceWorker(): Promise<Worker>;
  openExtensionPage(file: 'popup.html' | 'options.html'): Promise<Page>;
  close(): Promise<void>;
}

export function assertBuildExists(build: BuildName = 'e2e'): void {
  if (!existsSync(path.join(BUILDS[build], 'manifest.json')))
    throw new Error(`No ${build} build at ${BUILDS[build]}: run \`npm run ${build === 'production' ? 'build' : 'build:e2e'}\` first.`);
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`Chromium not found at ${CHROMIUM_PATH}: apt-get install -y chromium.`);
}

export function chromiumArgs(sim: KickSim | undefined, withExtension: boolean, extensionPath: string = EXTENSION_PATH, extraHostRules: string[] = []): string[] {
  const args = [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-dev-shm-usage',
    '--ignore-certificate-errors',
  ];
  if (sim) args.push(`--host-resolver-rules=${[...KICK_HOSTS.map((h) => `MAP ${h} 127.0.0.1:${sim.httpsPort}`), ...extraHostRules].join(', ')}`);
  if (withExtension) args.push(`--disable-extensions-except=${extensionPath}`, `--load-extension=${extensionPath}`);
  return args;
}

export interface LaunchOptions {
  headless?: boolean;
  withExtension?: boolean;
  /** Which build to load; the E2E build unless a test is about the production package itself. */
  build?: BuildName;
  /** More `--host-resolver-rules` entries, e.g. `MAP relay.test 127.0.0.1:<port>`. */
  extraHostRules?: string[];
  /** A profile to start from, as a browser restart does (the session removes it on close); a new one otherwise. */
  userDataDir?: string;
  /** An unpacked extension elsewhere (it needs a service worker), instead of a build: the benchmark's empty content script. */
  extensionPath?: string;
  /**
   * The browser's UI language, e.g. `es-419` (Chromium's locale names, from Debian's chromium-l10n): set by `--lang` and
   * the `LANGUAGE` environment variable, which Chromium on Linux reads first. Unset: the machine's (English here).
   */
  lang?: string;
}

/** Launches headless Chromium with a build of the extension loaded and kick.com mapped onto the simulator. */
export async function launchWithExtension(sim: KickSim, opts: LaunchOptions = {}): Promise<ExtensionSession> {
  const build = opts.build ?? 'e2e';
  const withExtension = opts.withExtension ?? true;
  if (withExtension && !opts.extensionPath) assertBuildExists(build);
  else if (!existsSync(CHROMIUM_PATH)) throw new Error(`Chromium not found at ${CHROMIUM_PATH}: apt-get install -y chromium.`);
  const userDataDir = opts.userDataDir ?? (await mkdtemp(path.join(tmpdir(), 'kuc-e2e-')));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: opts.headless ?? true,
    args: [...chromiumArgs(sim, withExtension, opts.extensionPath ?? BUILDS[build], opts.extraHostRules), ...(opts.lang ? [`--lang=${opts.lang}`] : [])],
    ...(opts.lang && { env: { ...process.env, LANGUAGE: opts.lang.replace('-', '_') } }),
    viewport: { width: 1280, height: 800 },
  });
  const close = async () => {
    await context.close().catch(() => undefined);
    await rm(userDataDir, { recursive: true, force: true }).catch(() => undefined);
  };
  if (!withExtension)
    return {
      context,
      userDataDir,
      extensionId: '',
      origin: '',
      serviceWorker: () => Promise.reject(new Error('no extension loaded')),
      openExtensionPage: () => Promise.reject(new Error('no extension loaded')),
      close,
    };
  const serviceWorker = async (): Promise<Worker> =>
    context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
  const worker = await serviceWorker();
  const extensionId = new URL(worker.url()).host;
  const origin = `chrome-extension://${extensionId}`;
  return {
    context,
    userDataDir,
    extensionId,
    origin,
    serviceWorker,
    async openExtensionPage(file) {
      const page = await context.newPage();
      await page.goto(`${origin}/${file}`);
      return page;
    },
    close,
  };
}

/** Sends one protocol message from an extension page, over the same wire format @webext-core/messaging uses. */
export async function sendFromPage<T = unknown>(page: Page, type: string, data: unknown): Promise<{ res?: T; err?: { message: string } }> {
  return page.evaluate(
    ([t, d]) =>
      new Promise<{ res?: T; err?: { message: string } }>((resolve) => {
        chrome.runtime.sendMessage({ id: Date.now(), type: t, data: d, timestamp: Date.now() }, (answer: unknown) => resolve(answer as never));
      }),
    [type, data] as const,
  );
}

/** Text content of the first element matching `selector` inside any open shadow root (or the document). */
export async function shadowText(page: Page, selector: string): Promise<string | null> {
  return page.evaluate((sel) => {
    const visit = (root: Document | ShadowRoot): Element | null => {
      const direct = root.querySelector(sel);
      if (direct) return direct;
      for (const el of root.querySelectorAll('*')) {
        if (el.shadowRoot) {
          const found = visit(el.shadowRoot);
          if (found) return found;
        }
      }
      return null;
    };
    return visit(document)?.textContent ?? null;
  }, selector);
}

export async function saveScreenshot(page: Page, name: string): Promise<string> {
  await mkdir(ARTIFACTS_DIR, { recursive: true });
  const file = path.join(ARTIFACTS_DIR, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

/**
 * Waits until the content script listens. The E2E build says so on <html> once its UI and listeners
 * exist. The production build has no such marker; there the card's shadow host (closed, so the
 * page sees `shadowRoot === null`) is the sign, since the listeners are attached as it mounts.
 */
export async function waitForContentScript(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      if (document.documentElement.dataset.kickUserCards === 'ready') return true;
      const host = document.querySelector('kick-user-cards');
      return host !== null && host.shadowRoot === null;
    },
    undefined,
    { timeout: 15_000 },
  );
}

/** Storage areas of the extension, plus `secrets`: the IndexedDB secret store (lib/auth/secret-store.ts). */
export type StorageArea = 'local' | 'session' | 'sync' | 'secrets' | 'notes';

/** Reads (values undefined) or writes (null deletes) the secret store or the notes database from the service worker, as the extension does. */
async function database(session: ExtensionSession, area: 'secrets' | 'notes', values?: Record<string, unknown>): Promise<Record<string, unknown>> {
  const worker = await session.serviceWorker();
  return worker.evaluate<Record<string, unknown>>((area === 'secrets' ? secretStoreExpression : notesDatabaseExpression)(values ?? null));
}

/** Writes extension storage from the service worker, as the extension itself would (null deletes a secret). */
export async function setExtensionStorage(session: ExtensionSession, area: StorageArea, values: Record<string, unknown>): Promise<void> {
  if (area === 'secrets' || area === 'notes') {
    await database(session, area, values);
    return;
  }
  const worker = await session.serviceWorker();
  await worker.evaluate(([a, v]) => chrome.storage[a].set(v), [area, values] as const);
}

export async function getExtensionStorage(session: ExtensionSession, area: StorageArea): Promise<Record<string, unknown>> {
  if (area === 'secrets' || area === 'notes') return database(session, area);
  const worker = await session.serviceWorker();
  return worker.evaluate((a) => chrome.storage[a].get(null), area);
}

/** Saves the simulator's app (id in storage.local, secret in the secret store) and, optionally, a connected account with live tokens. */
export async function configureAccount(
  session: ExtensionSession,
  sim: KickSim,
  opts: { connected: boolean; as?: { userId: number; name: string; scopes: string[] } },
): Promise<void> {
  await setExtensionStorage(session, 'local', { kickApp: { clientId: sim.app.clientId, scopes: ['user:read', 'channel:read'] } });
  const secretValues: Record<string, unknown> = { kickClientSecret: sim.app.clientSecret };
  if (opts.connected) {
    const who = opts.as ?? { userId: 1005, name: 'subsam', scopes: ['user:read', 'channel:read'] };
    const t = sim.issueUserToken({ userId: who.userId, scopes: who.scopes });
    secretValues.kickAccount = {
      tokens: { accessToken: t.access_token, refreshToken: t.refresh_token, expiresAt: Date.now() + t.expires_in * 1000, scopes: t.scope.split(' '), obtainedAt: Date.now() },
      user: { userId: who.userId, name: who.name },
    };
  }
  await setExtensionStorage(session, 'secrets', secretValues);
}

/** The content script's record of the last card shown (performance.now() on the page's clock). */
export async function lastOpenTiming(page: Page): Promise<OpenTiming | null> {
  const raw = await page.evaluate(() => document.documentElement.dataset.kucLastOpen ?? null);
  return raw ? (JSON.parse(raw) as OpenTiming) : null;
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

/** Evaluates an expression in the content script's isolated world (not the page's), through CDP. */
export async function evaluateInContentScript<T>(page: Page, expression: string): Promise<T> {
  const cdp = await page.context().newCDPSession(page);
  const contexts: { id: number; name: string; auxData?: { type?: string } }[] = [];
  cdp.on('Runtime.executionContextCreated', (event) => contexts.push(event.context as (typeof contexts)[number]));
  await cdp.send('Runtime.enable');
  const world = contexts.find((c) => c.auxData?.type === 'isolated' && c.name === 'Kick User Cards');
  if (!world) throw new Error(`No content script world on ${page.url()} (${contexts.map((c) => c.name).join(', ')})`);
  const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', { expression, contextId: world.id, awaitPromise: true, returnByValue: true });
  await cdp.detach();
  if (exceptionDetails) throw new Error(exceptionDetails.exception?.description ?? exceptionDetails.text);
  return result.value as T;
}

export interface PiercedCard {
  /** `open` or `closed`, as Chromium reports the shadow root holding the card. */
  shadowRootType: string;
  state: string | null;
  username: string | null;
  text: string;
}

/**
 * The open card as Chromium's DOM agent sees it, closed shadow roots included (CDP
 * `DOM.getDocument({ depth: -1, pierce: true })`): how a test reads a card the page itself cannot.
 */
export async function cardThroughCdp(page: Page): Promise<PiercedCard | null> {
  interface Node {
    nodeName: string;
    nodeType: number;
    nodeValue?: string;
    attributes?: string[];
    children?: Node[];
    shadowRoots?: (Node & { shadowRootType?: string })[];
  }
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as unknown as { root: Node };
    const attr = (n: Node, name: string) => {
      const a = n.attributes ?? [];
      for (let i = 0; i < a.length; i += 2) if (a[i] === name) return a[i + 1] ?? null;
      return null;
    };
    const text = (n: Node): string => (n.nodeType === 3 ? (n.nodeValue ?? '') : [...(n.children ?? []), ...(n.shadowRoots ?? [])].map(text).join(''));
    const find = (n: Node, pred: (n: Node) => boolean): Node | null => {
      if (pred(n)) return n;
      for (const c of [...(n.children ?? []), ...(n.shadowRoots ?? [])]) {
        const hit = find(c, pred);
        if (hit) return hit;
      }
      return null;
    };
    const host = find(root, (n) => n.nodeName.toLowerCase() === 'kick-user-cards');
    const shadow = host?.shadowRoots?.[0];
    if (!shadow) return null;
    // The open card: the last one stays in the shadow root, hidden, once it closed (lib/page/card-store.ts `kept`).
    const card = find(shadow, (n) => (attr(n, 'class') ?? '').split(/\s+/).includes('kuc-card') && attr(n, 'hidden') === null);
    if (!card) return null;
    return { shadowRootType: shadow.shadowRootType ?? '', state: attr(card, 'data-state'), username: attr(card, 'data-username'), text: text(card) };
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}
