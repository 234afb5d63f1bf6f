/**
 * More than any channel answer kick.com sends (a few kB to a few tens of kB), bounded so that what the page hands the
 * background stays small whatever kick.com answers. Characters of the body, checked before parsing.
 * Apart, and with no imports: the content script's reads (./web-reads.ts) and the schemas that check what they hand
 * over (lib/messaging/protocol.ts, ./site-account.ts) both need it, and the protocol sits below the reads.
 */
export const MAX_ANSWER_CHARS = 256 * 1024;
