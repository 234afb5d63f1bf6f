import { describe, expect, it } from 'vitest';
import { CONTENT_SCRIPT_BUDGET_BYTES, contentScriptSize } from '../bench/size';

// Here rather than in the unit tests: `npm test` builds (`wxt zip`) only after the unit tests have run.
describe('production content script size', () => {
  it('stays within its gzip budget (issue #12)', () => {
    const size = contentScriptSize();
    // Without the script itself the sum below would be trivially small.
    expect(size.files).toContain('kick.js');
    expect(size.gzip, `${size.files.join(' + ')}: ${size.raw} B raw, ${size.gzip} B gzip`).toBeLessThanOrEqual(CONTENT_SCRIPT_BUDGET_BYTES);
  });
});
