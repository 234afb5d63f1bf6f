// @vitest-environment happy-dom
import { cleanup, render, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SiteAccount } from '@/lib/kick-web/site-account';
import type { Send } from '@/lib/stores/auth-store';
import { SiteAccountLine } from './SiteAccountLine';

beforeEach(() => history.replaceState(null, '', '/popup.html?tab=42'));
afterEach(cleanup);

const connected = { userId: 1005, name: 'subsam' };
const answering = (site: SiteAccount) => vi.fn(() => Promise.resolve(site)) as unknown as Send & ReturnType<typeof vi.fn>;

describe('the popup’s line on which account is which', () => {
  it('says so when kick.com in this tab is signed in as another account', async () => {
    const send = answering({ state: 'signed_in', userId: 1002, username: 'modmaria' });
    const view = render(<SiteAccountLine user={connected} send={send} />);
    await waitFor(() => expect(view.getByTestId('popup-site-account').textContent).toContain('Connected as subsam; kick.com is signed in as modmaria.'));
    expect(send).toHaveBeenCalledWith('getSiteAccount', { tabId: 42 });
  });

  it('says nothing for the same account, nobody signed in, or an answer it cannot read', async () => {
    for (const site of [
      { state: 'signed_in', userId: 1005, username: 'SubSam' },
      { state: 'signed_out' },
      { state: 'unknown', reason: 'no answer from a kick.com page in this tab' },
    ] as SiteAccount[]) {
      const send = answering(site);
      const view = render(<SiteAccountLine user={connected} send={send} />);
      await waitFor(() => expect(send).toHaveBeenCalled());
      await new Promise((r) => setTimeout(r, 20));
      expect(view.queryByTestId('popup-site-account')).toBeNull();
      view.unmount();
    }
  });
});
