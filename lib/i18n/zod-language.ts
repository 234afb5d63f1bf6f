import { z } from 'zod';
import ar from 'zod/v4/locales/ar.js';
import es from 'zod/v4/locales/es.js';
import pt from 'zod/v4/locales/pt.js';
import tr from 'zod/v4/locales/tr.js';
import { messagesLang } from './messages';

/** Zod's own locales for the languages the extension speaks (zod 4 ships them: zod/v4/locales). */
const ZOD_LOCALES: Record<string, () => { localeError: z.core.$ZodErrorMap }> = { es, 'pt-BR': pt, tr, ar };

/**
 * A check's words that reach the user (a refused notes import names the field and what is wrong with it) in the UI
 * language: zod's messages follow the extension's messages. English is zod's default. Background only: the content
 * script has no zod.
 */
export function speakZodInUiLanguage(): void {
  const locale = ZOD_LOCALES[messagesLang()];
  if (locale) z.config(locale());
}
