import { createRelay, type RelayEnv } from './handler';

/**
 * Cloudflare Workers entry (relay/wrangler.toml). One relay per isolate: the rate limiter's counts
 * live as long as the isolate, which is what "in memory, stores nothing" means there (relay/README.md).
 */
const relay = createRelay();

export default {
  // CF-Connecting-IP is "the client IP address connecting to Cloudflare", set by Cloudflare's edge
  // (developers.cloudflare.com/fundamentals/reference/http-headers/): the rate limit's key.
  fetch: (request: Request, env: RelayEnv) => relay.fetch(request, env, request.headers.get('cf-connecting-ip')),
};
