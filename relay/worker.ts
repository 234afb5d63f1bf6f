import { createRelay, type RelayEnv } from './handler';

/**
 * Cloudflare Workers entry (relay/wrangler.toml). One relay per isolate: the rate limiter's counts
 * live as long as the isolate, which is what "in memory, stores nothing" means there (README).
 */
const relay = createRelay();

export default {
  // Cloudflare's edge sets CF-Connecting-IP to the caller's address on every request, replacing any the
  // caller sent (developers.cloudflare.com/fundamentals/reference/http-headers/): the rate limit's key.
  fetch: (request: Request, env: RelayEnv) => relay.fetch(request, env, request.headers.get('cf-connecting-ip')),
};
