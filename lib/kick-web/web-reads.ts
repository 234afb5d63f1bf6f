import { slugCandidates } from '../kick/slug';
import type { WebProfile } from '../cards/schema';
import type { MessageInput } from '../messaging/protocol';
import { isSiteRoute } from '../page/site-routes';
import { MAX_ANSWER_CHARS } from './answer-size';
import { t } from '@/lib/i18n/messages';

/**
 * The content script's half of reading kick.com's own (unofficial) endpoints: it fetches them same-origin, as the
 * site does, and hands the raw answers to the background, whose zod schemas check them (./web-profile.ts). zod was
 * half the content script (issue #12); the checks stay exactly the ones they were, only on the other side.
 */

export type WebSource = 'ok' | 'not_found' | 'error';
/** Which read failed: the channel (followers, channel age, bio, socials) or the user's standing in this channel. */
export type WebReadPart = 'channel' | 'relation';
export interface WebReadFailure {
  part: WebReadPart;
  reason: string;
}
export interface WebResult {
  state: WebSource;
  profile?: WebProfile;
  /** Reads that failed, also when the rest of the profile came through. */
  failures?: WebReadFailure[];
}

/** What the page read, for the background's checks (WebAnswersSchema in lib/messaging/protocol.ts). */
export type WebAnswers = MessageInput<'readWebProfile'>;
/** One read as it came from kick.com: its body, unparsed (none when kick.com knows no such user), or why it failed. */
export type RawRead = WebAnswers['channel'];
/** Checks the answers and builds the profile: the background, over messaging, in the content script. */
export type BuildWebProfile = (answers: WebAnswers) => Promise<WebResult>;

const TIMEOUT_MS = 6000;

type Fetch = (input: string, init: RequestInit) => Promise<Response>;

/**
 * The page's own fetch where the browser offers one. A Firefox content script's plain fetch sends no
 * Referer, while `content.fetch` goes out exactly like the site's calls (same-origin, Referer,
 * cookies); Chrome's content-script fetch already does (both checked against the simulator's log).
 * Read in Firefox only, and only if it is a function: Chrome has no `content`, so there the name is the page's to give,
 * and `<form name="content"><input name="fetch">` made every kick.com read fail (issue #25, item 9).
 */
export function pageFetch(firefox = import.meta.env.FIREFOX): Fetch {
  const page = firefox ? (globalThis as { content?: { fetch?: unknown } }).content : undefined;
  const own = page?.fetch;
  return typeof own === 'function' ? (input, init) => (own as Fetch).call(page, input, init) : (input, init) => fetch(input, init);
}

/** A kick.com read that failed for a reason worth showing as it is. */
export class WebReadError extends Error {
  /** kick.com's HTTP status, when it answered with an error. */
  constructor(message: string, readonly status?: number) {
    super(message);
  }
}

/** Why a read failed, in words for the card and the popup (never a URL or a body). */
export function reasonOf(error: unknown): string {
  if (error instanceof WebReadError) return error.message;
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) return t('kickWeb.timeout');
  return t('kickWeb.notSent');
}

/**
 * What the site's own scripts send to say who is signed in: the `session_token` cookie as a Bearer token (NipahTV
 * src/ContentScripts/page.ts, 2026-03-11, on every request; SevenTV and KickTalk on /api/v1/user). Read from the page's
 * cookie when a request needs it, sent to kick.com only, never kept. Through the async Cookie Store API where the
 * browser has it (Chrome): reading `document.cookie` blocks the page's thread on the browser process (2–4 ms of a
 * first card open in the bench's profile); Firefox has only that.
 */
export async function sessionHeaders(): Promise<Record<string, string>> {
  // Checked, not trusted: where the browser has no Cookie Store, `cookieStore` is a name the page can give an element.
  const store = (globalThis as { cookieStore?: { get?: unknown } }).cookieStore;
  const raw =
    typeof store?.get === 'function'
      ? (await (store as { get(name: string): Promise<{ value?: string } | null> }).get('session_token').catch(() => null))?.value
      : /(?:^|; )session_token=([^;]*)/.exec(document.cookie)?.[1];
  if (!raw) return {};
  try {
    return { authorization: `Bearer ${decodeURIComponent(raw)}` };
  } catch {
    // Not percent-encoded as Kick writes it (guess: never seen): sent as it is.
    return { authorization: `Bearer ${raw}` };
  }
}

/**
 * A same-origin request to kick.com made as the site's own scripts make it. `session`: the site's session headers
 * (sessionHeaders), for an answer about the viewer.
 */
export function requestAsSite(path: string, session: Record<string, string> = {}): Promise<Response> {
  // Absolute: a Firefox content script does not resolve relative URLs against the page.
  return pageFetch()(new URL(path, location.origin).href, {
    credentials: 'include',
    headers: { accept: 'application/json', ...session },
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
}

/**
 * A JSON POST to another kick.com origin (web.kick.com) as the site's own scripts send it: the page's fetch, so it goes
 * with kick.com's Origin, without cookies. The body, bounded, or a WebReadError.
 */
export async function postAsSite(url: string, json: string): Promise<string> {
  const res = await pageFetch()(url, {
    method: 'POST',
    credentials: 'omit',
    headers: { accept: 'application/json', 'content-type': 'application/json' },
    body: json,
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  if (!res.ok) throw new WebReadError(`kick.com answered ${res.status}`, res.status);
  const body = await res.text();
  if (body.length > MAX_ANSWER_CHARS) throw new WebReadError(t('kickWeb.tooMuch'));
  return body;
}

/**
 * A kick.com endpoint's body as the site reads it, bounded and unparsed; undefined for a 404, a WebReadError for any
 * other failure. Answers the background checks go there as this text: parsing them is the background's work, off the
 * page's thread (issue #12). Sending it costs the page about what the parsed answer would: runtime messaging copies
 * either in time that grows with its size (the issue #12 note of 2026-12-02 has the figures).
 */
export async function getBody(path: string, { session }: { session?: Record<string, string> } = {}): Promise<string | undefined> {
  const res = await requestAsSite(path, session);
  if (res.status === 404) return undefined;
  if (!res.ok) throw new WebReadError(`kick.com answered ${res.status}`, res.status);
  const body = await res.text();
  if (body.length > MAX_ANSWER_CHARS) throw new WebReadError(t('kickWeb.tooMuch'));
  return body;
}

/** A kick.com endpoint's JSON, for the few fields the page itself needs; undefined for a 404. */
export async function getJson(path: string, options: { session?: Record<string, string> } = {}): Promise<unknown> {
  const body = await getBody(path, options);
  if (body === undefined) return undefined;
  const json = jsonOf(body);
  if (!json) throw new WebReadError(notJson());
  return json.value;
}

/** Said of a body that is not JSON (an HTML error or challenge page answered with a 200, say). */
export const notJson = () => t('kickWeb.notJson');

/** A body's JSON; undefined when it is not JSON. */
export function jsonOf(body: string): { value: unknown } | undefined {
  try {
    return { value: JSON.parse(body) as unknown };
  } catch {
    return undefined;
  }
}

/**
 * The current channel's slug from a kick.com URL path: `/{slug}`, the popout chat `/popout/{slug}/chat` and the
 * moderator view `/moderator/{slug}` (kick-dom.md "channel of a page"). Site routes are no channel.
 */
export function channelSlugFromPath(pathname: string): string | undefined {
  const parts = pathname.split('/').filter(Boolean);
  const first = parts[0]?.toLowerCase();
  const slug = first === 'popout' || first === 'moderator' ? parts[1] : parts[0];
  if (first === 'popout' && parts[2]?.toLowerCase() !== 'chat') return undefined;
  if (!slug || isSiteRoute(slug)) return undefined;
  return /^[A-Za-z0-9_-]{1,25}$/.test(slug) ? slug.toLowerCase() : undefined;
}

const decoded = (segment: string) => {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
};

/**
 * A same-origin kick.com path from raw segments. Each is encoded, and an empty or dot-only segment
 * (also once percent-decoded) is refused: `/channels/streamer1/users/..` resolves to the channel itself.
 */
export function kickPath(...segments: string[]): string {
  for (const segment of segments) if (/^\.*$/.test(segment) || /^\.*$/.test(decoded(segment))) throw new Error(`unsafe path segment ${JSON.stringify(segment)}`);
  return `/${segments.map(encodeURIComponent).join('/')}`;
}

async function fetchChannel(username: string): Promise<string | undefined> {
  for (const slug of slugCandidates(username)) {
    const body = await getBody(kickPath('api', 'v2', 'channels', slug));
    if (body !== undefined) return body;
  }
  return undefined;
}

// Async: a name kickPath refuses is a failed read, not a throw.
async function fetchRelation(channelSlug: string, username: string): Promise<string | undefined> {
  return getBody(kickPath('api', 'v2', 'channels', channelSlug, 'users', username.toLowerCase()));
}

/** The failed reads among `reads`, as the card and the popup name them. */
export const failuresOf = (reads: readonly { ok: boolean; failure?: WebReadFailure }[]): WebReadFailure[] =>
  reads.flatMap((r) => (!r.ok && r.failure ? [r.failure] : []));

const settle = (part: WebReadPart, job: Promise<string | undefined>): Promise<RawRead> =>
  job.then((body) => ({ ok: true as const, body }), (error: unknown) => ({ ok: false as const, failure: { part, reason: reasonOf(error) } }));

/**
 * What kick.com itself says about a user, read like the site does (same-origin). Optional
 * enrichment: a failed read costs only its own part of the card, and says which and why.
 */
export async function fetchWebProfile(username: string, channelSlug: string | undefined, build: BuildWebProfile): Promise<WebResult> {
  // Both requests at once: on a cold card they are on the critical path.
  const [channel, relation] = await Promise.all([
    settle('channel', fetchChannel(username)),
    channelSlug ? settle('relation', fetchRelation(channelSlug, username)) : ({ ok: true } as const),
  ]);
  const unread = (read: RawRead) => !read.ok || read.body === undefined;
  // Nothing to check: no need to wake the background.
  if (unread(channel) && unread(relation)) {
    const failures = failuresOf([channel, relation]);
    return { state: channel.ok ? 'not_found' : 'error', ...(failures.length ? { failures } : {}) };
  }
  return build({ channelSlug, channel, relation });
}
