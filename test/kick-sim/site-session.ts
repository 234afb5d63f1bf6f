import { findUserByName, type SimContext } from './http-types';
import type { SimUser } from './types';

/**
 * Who is signed in on the simulated kick.com. This is the simulator's own mechanism, not Kick's: a test signs a user in
 * by setting the cookie `kuc_sim_session=<username>` on the page (Kick's real session cookies are set by its login and
 * are not modelled). Kick's endpoints that depend on the viewer read it through `signedInUser`.
 */
export const SIM_SESSION_COOKIE = 'kuc_sim_session';

export function signedInUser(ctx: SimContext): SimUser | undefined {
  for (const part of (ctx.headers.cookie ?? '').split(';')) {
    const [name, value] = part.trim().split('=');
    if (name === SIM_SESSION_COOKIE && value) return findUserByName(ctx.data, decodeURIComponent(value));
  }
  return undefined;
}

/** The page-side line a test runs to sign `username` in (or out, with an empty name). */
export const signInScript = (username: string) => `document.cookie = '${SIM_SESSION_COOKIE}=${encodeURIComponent(username)}; path=/; secure'`;
