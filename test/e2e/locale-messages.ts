import { readFileSync } from 'node:fs';
import path from 'node:path';
import { generateChromeMessages, parseMessagesText } from '@wxt-dev/i18n/build';

const LOCALES = path.resolve(import.meta.dirname, '../../locales');

/** locales/<file>.yml as the build writes it into `_locales/<file>/messages.json` (keys with `_` for `.`). */
export const messagesOf = (file: string) => generateChromeMessages(parseMessagesText(readFileSync(path.join(LOCALES, `${file}.yml`), 'utf8'), 'YAML'));

/**
 * The English messages' fragments of four words or more (the text between placeholders, trimmed of punctuation):
 * one of them in a page means a string left untranslated. Shorter ones ("Kick User Cards", "VIP") may be the same
 * in a translation.
 */
const englishFragments = [
  ...new Set(
    Object.values(messagesOf('en'))
      .flatMap(({ message }) => message.replaceAll('$$', '$').split(/\{\w+\}/))
      .map((f) => f.replace(/^[\s\p{P}]+|[\s\p{P}]+$/gu, ''))
      .filter((f) => f.split(/\s+/).length >= 4),
  ),
];

/** The English message fragments a text still holds. */
export const englishIn = (text: string) => englishFragments.filter((f) => text.includes(f));
