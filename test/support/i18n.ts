import { readFileSync } from 'node:fs';
import path from 'node:path';
import { generateChromeMessages, parseMessagesText } from '@wxt-dev/i18n/build';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { resetFormatters } from '@/lib/cards/format';
import { resetI18nCache } from '@/lib/i18n/messages';

/**
 * `browser.i18n` for unit tests, over the real `locales/*.yml` built the way the extension's build builds them
 * (`@wxt-dev/i18n/build`), with Chrome's lookup: the chosen language's message, else the default (en), else ''.
 * fake-browser has no i18n of its own.
 */
/** vitest runs from the project's root. */
export const LOCALES = path.resolve('locales');
const cache = new Map<string, Record<string, { message: string }>>();
export function localeMessages(lang: string): Record<string, { message: string }> {
  let messages = cache.get(lang);
  if (!messages) {
    const text = readFileSync(path.join(LOCALES, `${lang}.yml`), 'utf8');
    messages = generateChromeMessages(parseMessagesText(text, 'YAML'));
    cache.set(lang, messages);
  }
  return messages;
}

/** Messages from locales/<lang>.yml (file name, e.g. pt_BR), the browser's UI language `ui` (e.g. pt-BR). */
export function useLocale(lang: string, ui = lang.replace('_', '-')): void {
  const chosen = localeMessages(lang);
  const fallback = localeMessages('en');
  const i18n = fakeBrowser.i18n as unknown as Record<string, unknown>;
  i18n.getMessage = (name: string) => (chosen[name] ?? fallback[name])?.message.replaceAll('$$', '$') ?? '';
  i18n.getUILanguage = () => ui;
  resetI18nCache();
  resetFormatters();
}
