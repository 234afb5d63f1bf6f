import { describe, expect, it } from 'vitest';
import { localeMessages, useLocale } from '@/test/support/i18n';
import { toKickErrorInfo } from '@/lib/kick/errors';
import { errorFromResponse } from '@/lib/kick/http';
import { parseAuthorizeCallback } from '@/lib/kick/oauth';
import { refusalFor } from '@/lib/kick/token-exchange';
import { KickError } from '@/lib/kick/kick-error';
import { tokenRefusedAfterRefresh } from '@/lib/auth/token-manager';
import { signInRefused } from '@/lib/auth/auth-service';
import { REFUSAL_TEXT } from '@/lib/moderation/moderation-service';
import { toLoadState, webFailureNotice } from '@/lib/page/card-data';
import { parseNotesFile, sizeInWords } from '@/lib/notes/notes-file';
import { NotesFullError } from '@/lib/notes/note-store';
import { notJson, reasonOf } from '@/lib/kick-web/web-reads';
import { parseSettings } from '@/lib/settings/settings-page';

/**
 * Errors and reasons written in the background (issue #26) come in the browser's UI language: the same calls give
 * each locale's own text, with its placeholders filled. (In English, the modules' own tests check the words.)
 */
describe.each(['es', 'pt_BR', 'tr', 'ar'] as const)('errors and notices written by lib/ in %s', (lang) => {
  const m = (key: string) => localeMessages(lang)[key]!.message;

  it('Kick’s HTTP answers, thrown values, sign-in refusals, moderator refusals and card notices', async () => {
    useLocale(lang);
    expect((await errorFromResponse(new Response('{}', { status: 401 }))).info.message).toBe(m('error_tokenDead'));
    expect((await errorFromResponse(new Response('{}', { status: 403 }), 'user:read')).info.message).toBe(m('error_missingScope').replace('{scope}', 'user:read'));
    expect((await errorFromResponse(new Response('', { status: 429, headers: { 'retry-after': '7' } }))).info.message).toBe(m('error_rateLimited').replace('{s}', '7'));
    expect((await errorFromResponse(new Response('', { status: 502 }))).info.message).toBe(m('error_server').replace('{status}', '502'));
    expect(toKickErrorInfo(new TypeError('Failed to fetch')).message).toBe(m('error_network'));
    expect(toKickErrorInfo(new DOMException('late', 'TimeoutError')).message).toBe(m('error_timeout'));
    expect(() => parseAuthorizeCallback('https://x.test/?state=a&error=access_denied', 'a')).toThrow(m('error_accessDenied'));
    const refused = refusalFor('refresh_token', new KickError({ code: 'invalid_request', status: 400, message: 'Invalid request' }));
    expect((refused as KickError).info.message).toBe(m('error_renewRefused'));
    expect(tokenRefusedAfterRefresh()).toBe(m('error_tokenRefusedAfterRefresh'));
    expect(signInRefused()).toBe(m('error_signInRefused'));
    expect(REFUSAL_TEXT.refused).toBe(m('error_modRefused'));
    // The content script's card notices (lib/page/card-data.ts).
    expect(webFailureNotice([{ part: 'relation', reason: 'HTTP 500' }])).toBe(m('cardData_webRelation').replace('{reason}', 'HTTP 500'));
    const missing = toLoadState('ghost', { state: 'not_found' }, { state: 'not_found' });
    expect(missing.status === 'error' && missing.error.message).toBe(m('cardData_noUser').replace('{name}', 'ghost'));
    // A notes file refused, and notes that would not fit (lib/notes).
    expect(parseNotesFile(JSON.stringify({ format: 'other' }))).toEqual({ ok: false, reason: m('notesFile_notNotes').replace('{format}', 'kick-user-cards-notes') });
    const mb = (n: number) => new Intl.NumberFormat(lang.replace('_', '-'), { style: 'unit', unit: 'megabyte' }).format(n);
    expect(sizeInWords(1.5 * 1024 * 1024)).toBe(mb(1.5));
    expect(new NotesFullError(9 * 1024 * 1024).message).toBe(m('notesFile_full').replace('{size}', mb(9)).replace('{max}', mb(8)));
    // Why a read of kick.com failed, put into other messages.
    expect(reasonOf(new DOMException('late', 'TimeoutError'))).toBe(m('kickWeb_timeout'));
    expect(reasonOf(new Error('x'))).toBe(m('kickWeb_notSent'));
    expect(notJson()).toBe(m('kickWeb_notJson'));
    expect(parseSettings('broken').problem).toBe(m('state_settingsReset'));
    // Nothing of it is English.
    expect(REFUSAL_TEXT.scope).not.toBe(localeMessages('en').error_modScope!.message);
  });
});
