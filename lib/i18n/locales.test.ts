import { describe, expect, it } from 'vitest';
import { localeMessages, useLocale } from '@/test/support/i18n';
import { formatAgo, formatCount, formatDay, formatMonthYear } from '@/lib/cards/format';
import { intlLocale, plural, t, textDir } from './messages';

const LANGS = ['es', 'pt_BR', 'tr', 'ar'] as const;
const en = localeMessages('en');
/** The base names of plural messages: en's `x_one` / `x_other`. */
const pluralBases = [...new Set(Object.keys(en).filter((k) => k.endsWith('_other')).map((k) => k.slice(0, -'_other'.length)))];
const names = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe.each(LANGS)('locales/%s.yml', (lang) => {
  const messages = localeMessages(lang);
  const tag = messages.lang!.message;
  const forms = new Intl.PluralRules(tag).resolvedOptions().pluralCategories;

  it('has every message of en, with the same placeholders, and none en lacks', () => {
    const singular = (k: string) => !pluralBases.some((b) => k.startsWith(`${b}_`));
    expect(Object.keys(messages).filter(singular).sort()).toEqual(Object.keys(en).filter(singular).sort());
    for (const key of Object.keys(en).filter(singular)) expect([key, names(messages[key]!.message)]).toEqual([key, names(en[key]!.message)]);
  });

  it("has each plural message in the language's CLDR forms (at least one and other; all six in Arabic)", () => {
    for (const base of pluralBases) {
      const own = Object.keys(messages).filter((k) => k.startsWith(`${base}_`)).map((k) => k.slice(base.length + 1));
      // es and pt's "many" is for millions (1.000.000 de…): `other` serves it.
      const needed = lang === 'ar' ? forms : forms.filter((f) => f !== 'many');
      expect([base, own.sort()]).toEqual([base, expect.arrayContaining(needed)]);
      expect(own.every((f) => forms.includes(f as Intl.LDMLPluralRule))).toBe(true);
    }
  });
});

describe('plural forms', () => {
  it('Arabic: 0, 1, 2, 3, 11 and 100 take zero, one, two, few, many and other', () => {
    useLocale('ar');
    expect([0, 1, 2, 3, 11, 100].map((n) => plural('popup.cached', n))).toEqual([
      'لا بطاقات مخزّنة', 'بطاقة واحدة مخزّنة', 'بطاقتان مخزّنتان', '3 بطاقات مخزّنة', '11 بطاقة مخزّنة', '100 بطاقة مخزّنة',
    ]);
  });

  it.each([
    ['en', ['0 cards cached', '1 card cached', '2 cards cached']],
    ['es', ['0 tarjetas en caché', '1 tarjeta en caché', '2 tarjetas en caché']],
    ['pt_BR', ['0 card em cache', '1 card em cache', '2 cards em cache']],
    ['tr', ['Önbellekte 0 kart', 'Önbellekte 1 kart', 'Önbellekte 2 kart']],
  ])('%s: 0, 1 and 2', (lang, expected) => {
    useLocale(lang);
    expect([0, 1, 2].map((n) => plural('popup.cached', n))).toEqual(expected);
  });

  it("English's written-out rule is CLDR's for whole numbers", () => {
    const rules = new Intl.PluralRules('en');
    for (let n = 0; n < 200; n++) expect(plural('card.months', n)).toBe(rules.select(n) === 'one' ? `${n} month` : `${n} months`);
  });
});

describe('numbers, dates and direction in the UI language', () => {
  const iso = '2025-10-14T12:00:00Z';
  const now = Date.parse('2026-11-20T12:00:00Z');
  it.each<string[]>([
    ['en', 'en-US', '254.3K', 'Oct 2025', '1 year ago', 'ltr'],
    ...(['es', 'pt_BR', 'tr', 'ar'] as const).map((lang) => {
      const ui = { es: 'es-419', pt_BR: 'pt-BR', tr: 'tr', ar: 'ar' }[lang];
      return [lang, ui, new Intl.NumberFormat(ui, { notation: 'compact', maximumFractionDigits: 1 }).format(254_300),
        new Intl.DateTimeFormat(ui, { month: 'short', year: 'numeric' }).format(new Date(iso)),
        new Intl.RelativeTimeFormat(ui, { numeric: 'auto' }).format(-1, 'year'), lang === 'ar' ? 'rtl' : 'ltr'];
    }),
  ])('%s (UI %s)', (lang, ui, count, month, ago, dir) => {
    useLocale(lang, ui);
    expect(intlLocale()).toBe(ui);
    expect(formatCount(254_300)).toBe(count);
    expect(formatMonthYear(iso)).toBe(month);
    expect(formatAgo(iso, now)).toBe(ago);
    expect(textDir()).toBe(dir);
    if (lang !== 'en') expect(formatDay(iso)).toBe(new Intl.DateTimeFormat(ui, { dateStyle: 'medium' }).format(new Date(iso)));
  });

  it('Intl writes them in the language, not in English', () => {
    useLocale('es', 'es-419');
    expect([formatCount(254_300), formatAgo(iso, now)]).not.toEqual(['254.3K', '1 year ago']);
    useLocale('tr', 'tr');
    expect(formatMonthYear(iso)).toMatch(/^Eki 2025$/);
  });

  it('a UI language with no messages reads English, dated the English way', () => {
    useLocale('en', 'de-DE');
    expect(intlLocale()).toBe('en');
    expect(t('card.followers')).toBe('Followers');
  });
});
