import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { isExtensionPage, registerHandlers, send, type Handlers } from './extension';
import { sendToBackground } from './send';

const EXT_ID = 'abcdefghijklmnopabcdefghijklmnop';
const BASE = `chrome-extension://${EXT_ID}/`;

function handlers(overrides: Partial<Handlers> = {}): Handlers {
  const unused = () => {
    throw new Error('not used in this test');
  };
  return {
    ping: ({ nonce }) => ({ nonce, version: '9.9.9' }),
    getUserCard: unused,
    reportLayout: () => ({ ok: true as const }),
    reportWebFailure: () => ({ ok: true as const }),
    readWebProfile: () => ({ state: 'not_found' as const }),
    readChatHistory: unused,
    chatRecord: unused,
    loadCardUi: unused,
    openOptions: () => ({ ok: true as const }),
    getAuthStatus: () => ({ state: 'not_configured' as const }),
    connect: () => ({ ok: true as const }),
    disconnect: unused,
    refreshNow: unused,
    clearCache: () => ({ cleared: 3 }),
    getTabInfo: unused,
    getPageSettings: unused,
    getNote: unused,
    saveNote: unused,
    deleteNote: unused,
    listNotes: unused,
    exportNotes: unused,
    importNotes: unused,
    getSiteAccount: unused,
    moderation: unused,
    moderate: unused,
    listModLog: unused,
    clearModLog: unused,
    ...overrides,
  };
}

describe('typed messaging', () => {
  let unregister: () => void = () => undefined;
  beforeEach(() => fakeBrowser.reset());
  afterEach(() => unregister());

  it('round-trips ping through the protocol', async () => {
    unregister = registerHandlers(handlers(), { isTrustedSender: () => true });
    await expect(send('ping', { nonce: 'n-1' })).resolves.toEqual({ nonce: 'n-1', version: '9.9.9' });
  });

  it('rejects a malformed payload with a message naming the field, instead of hanging', async () => {
    unregister = registerHandlers(handlers(), { isTrustedSender: () => true });
    await expect(send('getUserCard', { username: 'bad name<script>' })).rejects.toThrow(/rejected: username: not a Kick username/);
  });

  it('refuses token operations from a sender that is not an extension page', async () => {
    unregister = registerHandlers(handlers(), { isTrustedSender: () => false });
    await expect(send('connect', {})).rejects.toThrow(/"connect" rejected: only the extension pages/);
    await expect(send('clearCache', {})).rejects.toThrow(/rejected/);
    // Content scripts may still read card data and report the layout.
    await expect(send('reportLayout', { url: 'https://kick.com/x', recognised: true, namesSeen: 1, surfaces: {} })).resolves.toEqual({ ok: true });
    await expect(send('reportWebFailure', { part: 'channel', reason: 'kick.com answered 403' })).resolves.toEqual({ ok: true });
    // Bounded, so a page cannot fill the background's storage through a content script.
    await expect(send('reportWebFailure', { part: 'channel', reason: 'x'.repeat(201) })).rejects.toThrow(/rejected/);
  });

  it('checks the answer too, so a handler bug is a clear error and not a malformed reply', async () => {
    unregister = registerHandlers(
      handlers({ clearCache: () => ({ cleared: -1 }) }),
      { isTrustedSender: () => true },
    );
    await expect(send('clearCache', {})).rejects.toThrow();
    // The content script's sender does not parse again: the background's own check is what stops the reply.
    await expect(sendToBackground('clearCache', {})).rejects.toThrow();
  });

  it('lets the content script send without the schemas, with the same round trip and input checks', async () => {
    unregister = registerHandlers(handlers(), { isTrustedSender: () => false });
    await expect(sendToBackground('ping', { nonce: 'n-2' })).resolves.toEqual({ nonce: 'n-2', version: '9.9.9' });
    await expect(sendToBackground('getUserCard', { username: 'bad name<script>' })).rejects.toThrow(/rejected: username: not a Kick username/);
  });
});

describe('isExtensionPage', () => {
  it('accepts the extension own pages', () => {
    expect(isExtensionPage({ id: EXT_ID, url: `${BASE}popup.html` }, EXT_ID, BASE)).toBe(true);
    expect(isExtensionPage({ id: EXT_ID, url: `${BASE}options.html`, tab: { id: 4 } }, EXT_ID, BASE)).toBe(true);
  });
  it('refuses content scripts, other extensions and senders without a url', () => {
    expect(isExtensionPage({ id: EXT_ID, url: 'https://kick.com/xqc', tab: { id: 4 } }, EXT_ID, BASE)).toBe(false);
    expect(isExtensionPage({ id: 'other', url: `chrome-extension://other/popup.html` }, EXT_ID, BASE)).toBe(false);
    expect(isExtensionPage({ id: EXT_ID }, EXT_ID, BASE)).toBe(false);
  });
});
