import { afterEach, describe, expect, it } from 'vitest';
import { CARD_UI_GLOBAL_KEY, leftForCardUi } from '../page/card-ui-bridge';
import { leaveLocale, viewerHour12 } from './card-ui-injection';

describe('the viewer’s clock, handed to the card UI with its injection', () => {
  afterEach(() => void delete (globalThis as Record<string, unknown>)[CARD_UI_GLOBAL_KEY]);

  it('is what the UI script finds where the content script meets it', () => {
    expect(leftForCardUi().hour12).toBeUndefined();
    leaveLocale(CARD_UI_GLOBAL_KEY, true);
    expect(leftForCardUi().hour12).toBe(true);
    leaveLocale(CARD_UI_GLOBAL_KEY, false);
    expect(leftForCardUi().hour12).toBe(false);
  });

  it('follows the locale the worker runs in', () => {
    expect(viewerHour12()).toBe(new Intl.DateTimeFormat(undefined, { hour: 'numeric' }).resolvedOptions().hour12 === true);
  });
});
