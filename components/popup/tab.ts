import { browser } from 'wxt/browser';

/**
 * The tab the popup is about: the active one, or `?tab=` when the popup page is opened for a given tab (as the E2E
 * tests do).
 */
export function popupTabId(): Promise<number | undefined> {
  const fromQuery = Number(new URLSearchParams(location.search).get('tab'));
  if (Number.isInteger(fromQuery) && fromQuery > 0) return Promise.resolve(fromQuery);
  return browser.tabs.query({ active: true, currentWindow: true }).then(([tab]) => tab?.id);
}
