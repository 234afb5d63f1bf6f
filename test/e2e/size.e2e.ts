import { describe, expect, it } from 'vitest';
import { CARD_UI_BUDGET_BYTES, CONTENT_SCRIPT_BUDGET_BYTES, cardUiSize, contentScriptSize } from '../bench/size';

// Here rather than in the unit tests: `npm test` builds (`wxt zip`) only after the unit tests have run.
describe('production script sizes (issue #12)', () => {
  it('keeps the content script, which every kick.com page loads, within its gzip budget', () => {
    const size = contentScriptSize();
    // Without the script itself the sum below would be trivially small.
    expect(size.files).toContain('kick.js');
    expect(size.gzip, `${size.files.join(' + ')}: ${size.raw} B raw, ${size.gzip} B gzip`).toBeLessThanOrEqual(CONTENT_SCRIPT_BUDGET_BYTES);
  });

  it('keeps the card UI, injected on the first hover, within its gzip budget', () => {
    const size = cardUiSize();
    expect(size.raw).toBeGreaterThan(10_000);
    expect(size.gzip, `card-ui.js: ${size.raw} B raw, ${size.gzip} B gzip`).toBeLessThanOrEqual(CARD_UI_BUDGET_BYTES);
  });
});
