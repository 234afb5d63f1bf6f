/**
 * The HTTP status Kick gives the authorize URL itself, read beside the sign-in window. The window
 * shows Kick's page but `launchWebAuthFlow` reports only that it was closed; a 400 here (Kick's one
 * documented error, KickDevDocs generating-tokens-oauth2-flow.md) means Kick refused the request
 * before any sign-in: an unknown client id or a redirect URI not registered on the app.
 * A redirect (Kick approved at once) is not followed, so no code is spent; undefined when unknown.
 */
export async function authorizeStatus(url: string): Promise<number | undefined> {
  try {
    const res = await fetch(url, { redirect: 'manual', credentials: 'omit', cache: 'no-store', signal: AbortSignal.timeout(10_000) });
    return res.type === 'opaqueredirect' ? 302 : res.status;
  } catch {
    return undefined;
  }
}
