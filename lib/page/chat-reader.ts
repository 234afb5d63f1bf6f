import { channelSlugFromPath } from '../kick-web/web-reads';
import { createChatRecord, textKey, type ChatRecord, type RecordView } from './chat-record';
import { rowMessage } from './surfaces';

/**
 * Feeds the chat record from Kick's chat list. The hot path costs next to nothing per row: one MutationObserver on
 * the list (no subtree) only queues the rows added; they are read in batches when the browser is idle, and at once
 * when a card asks. A row that left the page meanwhile still holds its text. Measured by `npm run bench`
 * ('extension CPU, 1,000-row burst', which profiles the idle time after a burst too).
 */

/** The list's row containers (kick-dom.md); the hidden server-rendered copy of the chat has none. */
const LISTS = '#chatroom-messages > div';

/** Kick's message text, emotes written as Kick writes them in a message (`[emote:id:name]`). */
function messageText(el: Element): string {
  // Most messages are plain text: one read, no walk.
  if (!el.firstElementChild) return el.textContent ?? '';
  let out = '';
  for (const node of el.childNodes) {
    if (!(node instanceof Element)) out += node.nodeType === Node.TEXT_NODE ? node.textContent : '';
    else {
      const id = node.getAttribute('data-emote-id');
      out += id ? `[emote:${id}:${node.getAttribute('data-emote-name')}]` : messageText(node);
    }
  }
  return out;
}

export function readRow(record: ChatRecord, row: Node, at: number): void {
  const message = row instanceof Element && rowMessage(row);
  const text = message && messageText(message.text).trim();
  // The whole row's text holds Kick's clock time: the same message re-rendered gets the same key (kick-dom.md).
  if (text) record.add(message.username, text, textKey(row.textContent), at);
}

export function startChatReader(now = Date.now, record: ChatRecord = createChatRecord(now)) {
  // The observer's lists of added rows, as they came (one per mutation, not per row), with when they came.
  let queue: [ArrayLike<Node>, number][] = [];
  const lists = new Set<Element>();
  let channel = channelSlugFromPath(location.pathname);
  let idle = 0;

  const flush = () => {
    idle = 0;
    const slug = channelSlugFromPath(location.pathname);
    // Rows queued before a navigation belong to the chat left behind.
    if (slug !== channel) {
      channel = slug;
      record.reset();
      queue = [];
    }
    for (const [rows, at] of queue) for (let i = 0; i < rows.length; i++) readRow(record, rows[i]!, at);
    queue = [];
  };
  const add = (rows: ArrayLike<Node>) => {
    queue.push([rows, now()]);
    idle ||= typeof requestIdleCallback === 'function' ? requestIdleCallback(flush, { timeout: 2000 }) : window.setTimeout(flush, 200);
  };
  // Most records are the virtualiser unmounting a row: nothing to read there.
  const observer = new MutationObserver((mutations) => mutations.forEach((m) => m.addedNodes.length && add(m.addedNodes)));
  // Kick mounts a new list on navigation and when the chat is reopened: look for it every few seconds.
  const attach = () => {
    for (const list of document.querySelectorAll(LISTS))
      if (!lists.has(list)) {
        lists.add(list);
        observer.observe(list, { childList: true });
        add([...list.children]);
      }
    for (const list of lists) if (!list.isConnected) lists.delete(list);
  };
  attach();
  const timer = setInterval(attach, 3000);

  return {
    /** Their messages in this chat, pending rows read first; undefined off a channel's page. */
    view(username: string): RecordView | undefined {
      flush();
      return channel ? record.view(username) : undefined;
    },
    stop: () => {
      clearInterval(timer);
      observer.disconnect();
    },
  };
}
