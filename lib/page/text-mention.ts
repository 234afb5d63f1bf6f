import { kickUsername } from '../kick/username';

/**
 * An "@name" written as plain text inside a chat message (kick-dom.md: a mention "may be a styled
 * span", or not). It has no element of its own and the page's DOM is never modified, so the card is
 * anchored to the text range itself.
 */
export class TextAnchor {
  constructor(
    readonly node: Text,
    readonly start: number,
    readonly end: number,
  ) {}

  /** floating-ui watches this element's scroll ancestors. */
  get contextElement(): Element | undefined {
    return this.node.parentElement ?? undefined;
  }

  get isConnected(): boolean {
    return this.node.isConnected;
  }

  getBoundingClientRect(): DOMRect {
    const range = document.createRange();
    range.setStart(this.node, Math.min(this.start, this.node.length));
    range.setEnd(this.node, Math.min(this.end, this.node.length));
    return range.getBoundingClientRect();
  }

  same(other: TextAnchor): boolean {
    return other.node === this.node && other.start === this.start;
  }
}

const NAME_CHAR = /[A-Za-z0-9_.@-]/;

function caretAt(x: number, y: number): { node: Node; offset: number } | null {
  const doc = document as Document & { caretRangeFromPoint?: (x: number, y: number) => Range | null };
  const position = document.caretPositionFromPoint?.(x, y);
  if (position) return { node: position.offsetNode, offset: position.offset };
  const range = doc.caretRangeFromPoint?.(x, y);
  return range ? { node: range.startContainer, offset: range.startOffset } : null;
}

/** The plain-text @mention under the point, if any, inside `body`. */
export function mentionAtPoint(body: Element, x: number, y: number): { anchor: TextAnchor; username: string } | null {
  const caret = caretAt(x, y);
  if (!caret || caret.node.nodeType !== Node.TEXT_NODE || !body.contains(caret.node)) return null;
  const node = caret.node as Text;
  const text = node.data;
  let start = Math.min(caret.offset, text.length);
  let end = start;
  while (start > 0 && NAME_CHAR.test(text[start - 1]!)) start--;
  while (end < text.length && NAME_CHAR.test(text[end]!)) end++;
  const word = text.slice(start, end).replace(/[.-]+$/, '');
  if (!word.startsWith('@')) return null;
  const username = kickUsername(word.slice(1));
  if (!username) return null;
  const anchor = new TextAnchor(node, start, start + word.length);
  // Caret lookups snap to the nearest character even past the end of a line: check the pointer is on the word.
  const rect = anchor.getBoundingClientRect();
  if (x < rect.left - 1 || x > rect.right + 1 || y < rect.top - 1 || y > rect.bottom + 1) return null;
  return { anchor, username };
}
