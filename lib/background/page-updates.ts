import { browser } from 'wxt/browser';
import type { z } from 'zod';
import type { tabProtocol } from '../messaging/protocol';
import { tabMessenger } from '../messaging/send';

export type StoredChange = z.input<(typeof tabProtocol)['storedChanged']['input']>;

/** Where the content script runs (entrypoints/kick.content). */
const KICK_PAGES = ['https://kick.com/*', 'https://www.kick.com/*'];

/**
 * Tells every kick.com tab what changed in storage it can no longer read or watch itself (lib/auth/storage-access.ts):
 * the settings, or that a note changed. A tab without the content script (loaded before the extension) does not
 * answer; that is no failure.
 */
export async function tellKickTabs(change: StoredChange): Promise<void> {
  const tabs = await browser.tabs.query({ url: KICK_PAGES });
  const told = tabs.flatMap((tab) => (tab.id === undefined ? [] : [tabMessenger.sendMessage('storedChanged', change, tab.id).catch(() => undefined)]));
  await Promise.all(told);
}
