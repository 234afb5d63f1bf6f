import { afterEach, describe, expect, it } from 'vitest';
import { CARD_UI_MEETING, leftForCardUi } from '../page/card-ui-bridge';
import { leaveLocale, viewerHour12 } from './card-ui-injection';

describe('the viewer’s clock, handed to the card UI with its injection', () => {
  afterEach(() => {
    delete (globalThis as Record<symbol, unknown>)[Symbol.for(CARD_UI_MEETING)];
    delete (globalThis as Record<string, unknown>)[CARD_UI_MEETING];
  });

  it('is what the UI script finds where the content script meets it', () => {
    expect(leftForCardUi().hour12).toBeUndefined();
    leaveLocale(CARD_UI_MEETING, true);
    expect(leftForCardUi().hour12).toBe(true);
    leaveLocale(CARD_UI_MEETING, false);
    expect(leftForCardUi().hour12).toBe(false);
  });

  it('meets on a symbol, so a global the page names like the meeting (a clobbering element) is never read', () => {
    // What an element with id="kick-user-cards:card-ui" is to the isolated world's global object (issue #25, item 9).
    (globalThis as Record<string, unknown>)[CARD_UI_MEETING] = { hour12: true };
    expect(leftForCardUi().hour12).toBeUndefined();
    leaveLocale(CARD_UI_MEETING, false);
    expect(leftForCardUi().hour12).toBe(false);
    expect((globalThis as Record<string, unknown>)[CARD_UI_MEETING]).toEqual({ hour12: true });
  });

  it('follows the locale the worker runs in', () => {
    expect(viewerHour12()).toBe(new Intl.DateTimeFormat(undefined, { hour: 'numeric' }).resolvedOptions().hour12 === true);
  });
});
