/**
 * The scopes the relay will mint tokens for: those the extension asks Kick for (RELAY_SCOPES in
 * lib/settings/relay-config.ts, and the moderator actions' two). Kick grants whatever the authorize
 * request named, and anyone can start one with this app's client id and an allowed redirect URI, then
 * read the code from the address bar: without this check the relay would exchange that code for a
 * `chat:write` or `channel:write` token on the app's secret (issue #25). A token beyond the list is
 * revoked at Kick and refused.
 */
export const ALLOWED_SCOPES: readonly string[] = ['user:read', 'channel:read', 'moderation:ban', 'moderation:chat_message:manage'];

/**
 * The granted scopes that are not on the list (Kick's `scope`, space-separated; commas accepted too).
 * null when the answer names no scope: then nobody can say what the token may do, and it is refused too.
 */
export function scopesBeyondAllowed(scope: unknown): string[] | null {
  if (typeof scope !== 'string') return null;
  return scope
    .split(/[\s,]+/)
    .filter(Boolean)
    .filter((s) => !ALLOWED_SCOPES.includes(s));
}
