/**
 * First path segments on kick.com that are site routes, not channels (kick-dom.md "routes that are not channels",
 * non-exhaustive, plus the routes seen in the sidebar and footer). A channel called e.g. "popout" cannot exist for this
 * reason, so treating these as non-channels costs nothing.
 */
export const SITE_ROUTES: ReadonlySet<string> = new Set([
  'categories', 'category', 'following', 'browse', 'search', 'settings', 'dashboard', 'terms-of-service', 'privacy',
  'privacy-policy', 'terms', 'kicks', 'discover', 'trending', 'en', 'popout', 'moderator', 'video', 'videos', 'clips',
  'clip', 'community-guidelines', 'dmca-policy', 'auth', 'login', 'signup', 'subscriptions', 'messages',
  'notifications', 'api', 'help', 'careers', 'about', 'legal', 'kick-partner', 'stream', 'emotes',
]);

export const isSiteRoute = (segment: string) => SITE_ROUTES.has(segment.toLowerCase());
