import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import en from 'zod/v4/locales/en.js';
import { useLocale } from '@/test/support/i18n';
import { parseNotesFile } from '@/lib/notes/notes-file';
import { speakZodInUiLanguage } from './zod-language';

/** A notes file with one note whose nickname is a number: refused, naming the field and what is wrong with it. */
const badNote = JSON.stringify({ format: 'kick-user-cards-notes', version: 1, notes: [{ username: 'subsam', nickname: 5, note: '' }] });
const reasonOf = () => {
  const result = parseNotesFile(badNote);
  return result.ok ? '' : result.reason;
};

describe('zod’s own words in a refusal the user reads', () => {
  afterEach(() => void z.config(en()));

  it('stay English for English', () => {
    useLocale('en');
    speakZodInUiLanguage();
    expect(reasonOf()).toMatch(/nickname: Invalid input: expected string, received number/);
  });

  it.each(['es', 'pt_BR', 'tr', 'ar'] as const)('come in %s with the extension’s messages', (lang) => {
    useLocale('en');
    const english = reasonOf();
    useLocale(lang);
    speakZodInUiLanguage();
    const reason = reasonOf();
    expect(reason).toContain('nickname');
    expect(reason).not.toContain('Invalid input: expected string, received number');
    expect(reason).not.toBe(english);
  });
});
