export type SocialKey = 'instagram' | 'twitter' | 'youtube' | 'discord' | 'tiktok' | 'facebook';
/** `webapi`: web.kick.com, the API kick.com's newer page code calls (its chat-socket negotiation). */
export type VHost = 'id' | 'api' | 'web' | 'webapi' | 'files';

export interface SimUser {
  userId: number;
  /** Empty for accounts that signed up with Google (KickDevDocs #325). */
  username: string;
  slug: string;
  email: string;
  profilePicture: string;
  bannerPicture: string;
  bio: string;
  verified: boolean;
  followersCount: number;
  channelCreatedAt: string;
  socials: Partial<Record<SocialKey, string>>;
  live?: { viewerCount: number; title: string; category: { id: number; name: string }; startedAt: string };
}

export interface SimRelation {
  channelSlug: string;
  username: string;
  followingSince?: string;
  subscribedFor?: number;
  badges: { type: string; text: string; count?: number }[];
  isChannelOwner?: boolean;
  isModerator?: boolean;
  isStaff?: boolean;
  banned?: { reason: string; created_at: string; expires_at: string | null; permanent: boolean };
}

/** A message in a channel's chat history, as kick.com keeps it for its moderators (routes-web.ts). */
export interface SimChatMessage {
  channelSlug: string;
  username: string;
  content: string;
  createdAt: string;
}

export interface SimApp {
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
}

export interface FaultRule {
  host?: VHost;
  method?: string;
  /** Matched against the pathname. */
  path: string | RegExp;
  status?: number;
  retryAfter?: string;
  delayMs?: number;
  /** Never answer (until the simulator closes). */
  hang?: boolean;
  /**
   * Handle the request, send the status, headers and half the body, then never finish: a connection that
   * stalls mid-answer. A network failure, not a documented Kick behaviour (issue #25, item 5).
   */
  stallBody?: boolean;
  /** Raw body replacing the normal one (malformed JSON, drifted schema). */
  body?: string;
  contentType?: string;
  /** Only requests carrying a live token of this kind (a user's, or the app's). */
  token?: 'user' | 'app';
  /** How many requests it applies to; unlimited when absent. */
  times?: number;
  /**
   * Holds the request until this settles, then answers normally: with `onArrive`, tests interleave
   * two operations deterministically (one is known to be at Kick while the other runs).
   */
  holdUntil?: Promise<unknown>;
  /** `arrival`: held before Kick handles it; `answer`: handled (tokens rotated…), its answer held. */
  holdAt?: 'arrival' | 'answer';
  onArrive?: () => void;
}

export interface RequestLogEntry {
  at: number;
  host: VHost;
  method: string;
  path: string;
  query: Record<string, string[]>;
  status: number;
  auth: 'none' | 'user' | 'app' | 'invalid';
  /** Token endpoint form, with secrets, tokens, codes and verifiers redacted. */
  form?: Record<string, string>;
  /** A JSON body sent to api.kick.com (the moderation calls carry no secret), as parsed. */
  json?: unknown;
  /** What kick.com's own endpoints are told about where a request comes from (cookie names only, never values). */
  site?: { fetchSite?: string; origin?: string; referer?: string; cookies: string[] };
}
