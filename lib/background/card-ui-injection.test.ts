import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { localeMessages, useLocale } from '@/test/support/i18n';
import { PAGE_MESSAGES_MEETING, t } from '../i18n/messages';
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

describe('the messages, handed to the page with the card UI', () => {
  afterEach(() => {
    delete (globalThis as Record<symbol, unknown>)[Symbol.for(PAGE_MESSAGES_MEETING)];
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });
  /** The module afresh: it reads the messages once per worker. */
  const fresh = async () => {
    vi.resetModules();
    return import('./card-ui-injection');
  };
  const enFile = () => new Response(JSON.stringify(localeMessages('en')));

  it("are every message of the default locale's file, as getMessage gives them in the browser's language", async () => {
    useLocale('es', 'es-MX');
    const fetchSpy = vi.fn(() => Promise.resolve(enFile()));
    vi.stubGlobal('fetch', fetchSpy);
    const { pageMessages } = await fresh();
    const texts = await pageMessages();
    expect(fetchSpy).toHaveBeenCalledWith('/_locales/en/messages.json');
    expect(Object.keys(texts).sort()).toEqual(Object.keys(localeMessages('en')).sort());
    expect(texts.common_retry).toBe(localeMessages('es').common_retry!.message);
    expect(texts.lang).toBe('es');
    // Once per worker.
    await pageMessages();
    expect(fetchSpy).toHaveBeenCalledTimes(1);
  });

  it('are what the page reads from then on, without asking getMessage', async () => {
    useLocale('es', 'es-MX');
    vi.stubGlobal('fetch', () => Promise.resolve(enFile()));
    const { pageMessages } = await fresh();
    const texts = await pageMessages();
    useLocale('en');
    const asked = vi.spyOn(fakeBrowser.i18n as unknown as { getMessage: (name: string) => string }, 'getMessage');
    leaveLocale(CARD_UI_MEETING, false, PAGE_MESSAGES_MEETING, texts);
    expect(t('common.retry')).toBe(localeMessages('es').common_retry!.message);
    expect(t('mod.confirm', { name: 'hank' })).toBe(localeMessages('es').mod_confirm!.message.replace('{name}', 'hank'));
    expect(asked).not.toHaveBeenCalled();
  });

  it('are none when the file cannot be read: the page asks getMessage as before, and the next injection reads again', async () => {
    useLocale('es', 'es-MX');
    const fetchSpy = vi.fn().mockRejectedValueOnce(new TypeError('Failed to fetch')).mockResolvedValueOnce(new Response('{"x": 1}')).mockImplementation(() => Promise.resolve(enFile()));
    vi.stubGlobal('fetch', fetchSpy);
    const { pageMessages } = await fresh();
    expect(await pageMessages()).toEqual({});
    // Not the file's shape: refused by its schema, not handed on.
    expect(await pageMessages()).toEqual({});
    leaveLocale(CARD_UI_MEETING, false, PAGE_MESSAGES_MEETING, {});
    expect((globalThis as Record<symbol, unknown>)[Symbol.for(PAGE_MESSAGES_MEETING)]).toBeUndefined();
    expect(t('common.retry')).toBe(localeMessages('es').common_retry!.message);
    expect(Object.keys(await pageMessages())).toHaveLength(Object.keys(localeMessages('en')).length);
    expect(fetchSpy).toHaveBeenCalledTimes(3);
  });
});

describe('injectCardUi', () => {
  afterEach(() => {
    delete (fakeBrowser as unknown as Record<string, unknown>).scripting;
    vi.unstubAllGlobals();
  });

  it('leaves the clock and the messages in the frame first, then runs the card UI there', async () => {
    useLocale('tr');
    vi.stubGlobal('fetch', () => Promise.resolve(new Response(JSON.stringify(localeMessages('en')))));
    const calls: { target: unknown; func?: unknown; args?: unknown[]; files?: string[] }[] = [];
    (fakeBrowser as unknown as Record<string, unknown>).scripting = { executeScript: (injection: (typeof calls)[number]) => Promise.resolve(void calls.push(injection)) };
    vi.resetModules();
    const { injectCardUi, leaveLocale: leave, CARD_UI_SCRIPT } = await import('./card-ui-injection');
    await injectCardUi(4, 2);
    expect(calls.map((c) => c.target)).toEqual([{ tabId: 4, frameIds: [2] }, { tabId: 4, frameIds: [2] }]);
    expect(calls[0]!.func).toBe(leave);
    const [meeting, , messagesMeeting, texts] = calls[0]!.args as [string, boolean, string, Record<string, string>];
    expect([meeting, messagesMeeting]).toEqual([CARD_UI_MEETING, PAGE_MESSAGES_MEETING]);
    expect(texts.common_retry).toBe(localeMessages('tr').common_retry!.message);
    // Serialised by the browser: plain JSON.
    expect(JSON.parse(JSON.stringify(calls[0]!.args))).toEqual(calls[0]!.args);
    expect(calls[1]!.files).toEqual([CARD_UI_SCRIPT]);
  });
});
