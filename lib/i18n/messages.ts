import type { GeneratedI18nStructure } from '#i18n';
import { browser } from 'wxt/browser';

/**
 * The extension's words, from `locales/<lang>.yml` (built by `@wxt-dev/i18n` into `_locales/<lang>/messages.json`;
 * the browser loads the one its UI language picks, so no bundle carries any language's text). A key is typed from
 * `locales/en.yml`. Named substitutions (`{name}`) are filled here, so a translation may put them in any order.
 * `@wxt-dev/i18n`'s own `t` is not used: its plurals are 0 / 1 / n, and Arabic has six forms (plural() below).
 */
type Structure = GeneratedI18nStructure;
export type MessageKey = Exclude<Extract<keyof Structure, string>, `@@${string}`>;
type NamesOf<K extends MessageKey> = Structure[K] extends { namedSubstitutions: readonly (infer N)[] } ? N & string : never;
export type Values<K extends MessageKey> = Record<NamesOf<K>, string | number>;
type SubsOf<K extends MessageKey> = [NamesOf<K>] extends [never] ? [] : [values: Values<K>];

/** A message with plural forms: `key.one`, `key.other`… (CLDR's names), `other` always there. */
export type PluralKey = { [K in MessageKey]: K extends `${infer B}.other` ? B : never }[MessageKey];
type PluralNames<B extends PluralKey> = Exclude<NamesOf<`${B}.other` & MessageKey>, 'n'>;
type PluralSubs<B extends PluralKey> = [PluralNames<B>] extends [never] ? [] : [values: Record<PluralNames<B>, string | number>];

/**
 * Where the background leaves a page the messages of the language in use, by name (lib/background/card-ui-injection.ts,
 * with the card UI): Chrome's renderer asks the browser process for them, synchronously, at its first getMessage
 * (extensions/renderer/shared_l10n_map.cc), 7-13 ms of the page's thread in the bench's profile (issue #27). Elsewhere
 * (extension pages, the worker, a page before its first card) getMessage answers.
 */
export const PAGE_MESSAGES_MEETING = 'kick-user-cards:messages';

const message = (key: string) => {
  const name = key.replaceAll('.', '_');
  const left = (globalThis as unknown as Record<symbol, Record<string, string> | undefined>)[Symbol.for(PAGE_MESSAGES_MEETING)];
  // The build's own typing of getMessage knows only Chrome's @@ names; the keys are checked by MessageKey.
  return left?.[name] ?? browser.i18n.getMessage(name as never);
};

function fill(text: string, values: Record<string, string | number> | undefined): string {
  // One pass: a value that itself holds `{x}` (a username, a bio) is never read as a placeholder.
  return values ? text.replace(/\{(\w+)\}/g, (all, name: string) => (name in values ? String(values[name]) : all)) : text;
}

export function t<K extends MessageKey>(key: K, ...subs: SubsOf<K>): string {
  return fill(message(key), subs[0]);
}

/**
 * A message whose placeholders hold elements (a name in `<strong><bdi>`): its text split around them, for JSX to
 * render as children. Strings are rendered as text, so nothing in a message or a value becomes markup.
 */
export function parts<K extends MessageKey, V>(key: K, values: Record<NamesOf<K>, V>): (string | V)[] {
  return message(key).split(/\{(\w+)\}/).map((part, i) => (i % 2 ? (values as Record<string, V>)[part] ?? `{${part}}` : part));
}

/** The language the messages in use are written in (`lang` in its file): not the UI's when no file fits it. */
export const messagesLang = (): string => message('lang') || 'en';

let rules: Intl.PluralRules | undefined;
/**
 * CLDR's plural category of n in the messages' language. English is written out (one for 1, other for the rest:
 * CLDR's rule for whole numbers, checked against Intl in plural.test.ts) because a page's first Intl object costs it
 * tens of milliseconds (lib/cards/format.ts).
 */
export function pluralForm(n: number): Intl.LDMLPluralRule {
  const lang = messagesLang();
  if (lang === 'en') return n === 1 ? 'one' : 'other';
  return (rules ??= new Intl.PluralRules(lang)).select(n);
}

/** The form of `base` for n, with `{n}` as the language writes the number (formatNumber). */
export function plural<B extends PluralKey>(base: B, n: number, ...subs: PluralSubs<B>): string {
  const text = message(`${base}.${pluralForm(n)}`) || message(`${base}.other`);
  return fill(text, { ...subs[0], n: formatNumber(n) });
}

let numbers: Intl.NumberFormat | undefined;
/** 1,234 / 1.234: English by hand (grouping only), the others by Intl. */
export function formatNumber(n: number): string {
  if (messagesLang() === 'en') return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return (numbers ??= new Intl.NumberFormat(intlLocale())).format(n);
}

/**
 * The locale Intl formats in: the browser's UI language when the messages are in that language (es-419 and es-ES write
 * dates their own way), else the messages' own (a German browser reads English messages with English dates).
 */
export function intlLocale(): string {
  const lang = messagesLang();
  const ui = browser.i18n.getUILanguage().replace('_', '-');
  return ui.split('-')[0]!.toLowerCase() === lang.split('-')[0] ? ui : lang;
}

/** `rtl` for Arabic: the value of the UI roots' `dir`. */
export const textDir = (): 'ltr' | 'rtl' => (message('dir') === 'rtl' ? 'rtl' : 'ltr');

/** Forgets the formatters, for tests that change language. */
export function resetI18nCache(): void {
  rules = undefined;
  numbers = undefined;
}
