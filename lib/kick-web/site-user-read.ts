import { tabMessenger } from '../messaging/send';
import type { RawSiteUserRead } from './site-account';
import { MAX_ANSWER_CHARS } from './answer-size';
import { requestAsSite, sessionHeaders } from './web-reads';
import { t } from '@/lib/i18n/messages';

/**
 * The content script's half of "which account is signed in on kick.com" (the checks are in ./site-account.ts): it
 * reads kick.com's current-user endpoint as the site does, same-origin with the `session_token` cookie as a Bearer
 * token, and only when the popup asks, never at page start. The token goes to kick.com only and is never kept.
 */
export async function readSiteUser(): Promise<RawSiteUserRead> {
  try {
    const res = await requestAsSite('/api/v1/user', await sessionHeaders());
    const body = await res.text();
    if (body.length > MAX_ANSWER_CHARS) return { status: res.status, error: t('kickWeb.tooMuchUser') };
    // The answer holds the account's email, which nothing here needs: it stays on the page.
    return { status: res.status, value: res.ok && body ? JSON.parse(body, (key, value: unknown) => (key === 'email' ? undefined : value)) : undefined };
  } catch {
    return { status: 0, error: t('kickWeb.unreadable') };
  }
}

/** Answers the popup's question (through the background) for this tab; returns the listener's remover. */
export const answerSiteUserReads = () => tabMessenger.onMessage('readSiteUser', () => readSiteUser());
