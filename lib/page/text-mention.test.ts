// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { TextAnchor } from './text-mention';

describe('TextAnchor', () => {
  it('is the same anchor for the same word, and follows the text node', () => {
    document.body.innerHTML = '<span id="t">thanks @modmaria, hi</span>';
    const node = document.getElementById('t')!.firstChild as Text;
    const a = new TextAnchor(node, 7, 16);
    expect(a.same(new TextAnchor(node, 7, 16))).toBe(true);
    expect(a.same(new TextAnchor(node, 0, 6))).toBe(false);
    expect(a.contextElement?.id).toBe('t');
    expect(a.isConnected).toBe(true);
    document.body.innerHTML = '';
    expect(a.isConnected).toBe(false);
  });
});
