import type { SessionCache } from '../cache/ttl-cache';
import type { OfficialProfile } from '../cards/schema';
import { KickError } from '../kick/errors';
import type { SenderInfo } from '../messaging/extension';
import type { NoteUser } from '../notes/schema';

/**
 * Whom a note is about, as the background will act on it. The extension's own pages are the user and name the id they
 * see. A kick.com tab names the user only: an id from it could move anyone's note onto any id (issue #25, item 8), so it
 * is refused, and the id is what the background itself learned of that name from Kick's API (the card cache, fresh or
 * stale; no lookup is made for it). With none known, the note stays found and kept by name.
 */
export async function noteUserFor(
  user: NoteUser,
  sender: SenderInfo,
  deps: { trusted: (sender: SenderInfo) => boolean; cache: Pick<SessionCache<OfficialProfile>, 'get'>; message: string },
): Promise<NoteUser> {
  if (deps.trusted(sender)) return user;
  if (user.userId !== undefined)
    throw new KickError({ code: 'rejected', message: `Message "${deps.message}" rejected: a kick.com page names the user, not their id (the extension knows it from Kick).` });
  const hit = await deps.cache.get(user.username.toLowerCase());
  const userId = hit.state !== 'miss' ? hit.value?.userId : undefined;
  return userId === undefined ? { username: user.username } : { username: user.username, userId };
}
