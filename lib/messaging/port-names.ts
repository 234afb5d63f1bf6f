/**
 * Names of the long-lived ports between the extension's parts. Zod-free, so the content script can name one without
 * bundling the protocol's schemas (issue #12); what each port carries is in ./protocol.ts.
 */
/** A kick.com page names the chat it shows (WatchChatSchema), for as long as the page lives. */
export const CHAT_WATCH_PORT = 'kuc-chat-watch';
