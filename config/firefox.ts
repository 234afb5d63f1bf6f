/**
 * The Firefox add-on id. A UUID rather than `name@domain`, because the project owns no domain; it
 * must never change once published: it fixes the add-on's identity on addons.mozilla.org and its
 * OAuth redirect URI (`https://<sha1 of the id>.extensions.allizom.org/`), which users register on
 * their Kick app.
 */
export const FIREFOX_ADDON_ID = '{c9befc48-0a9f-45ac-a176-c2bb5b1e952f}';

/** Firefox 140 (the oldest supported ESR) is the first to read `data_collection_permissions`. */
export const FIREFOX_MIN_VERSION = '140.0';
