// @vitest-environment happy-dom
import { fireEvent, render, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { mergeCard } from '@/lib/cards/merge';
import { DEFAULT_SETTINGS } from '@/lib/settings/settings';
import { ReadyCard } from './UserCardContent';
import { notelessBackground } from '@/test/support/card-background';

const hostileCard = () =>
  mergeCard(
    'streamer1',
    { state: 'ok', profile: { userId: 1001, slug: 'streamer1', name: 'stre\u200Bamer1\u202Egnp.exe' } },
    { state: 'ok', profile: { bio: 'bio \u202Eereht', socials: [] } },
  );

describe('ReadyCard display strings', () => {
  it('shows the name without format characters, isolated from the text around it', () => {
    const view = render(<ReadyCard card={hostileCard()} titleId="kuc-title" fields={DEFAULT_SETTINGS.fields} send={notelessBackground} />);
    const name = view.getByTestId('card-display-name');
    expect(name.tagName).toBe('BDI');
    expect(name.textContent).toBe('streamer1gnp.exe');
    expect(view.getByTestId('card-name').textContent).not.toMatch(/[\u200B\u202E]/);
    expect(view.getByTestId('card-slug').querySelector('bdi')?.textContent).toBe('streamer1');
    expect(view.getByTestId('card-bio').getAttribute('dir')).toBe('auto');
    view.unmount();
  });

  it('copies the username, never the display name', async () => {
    const writeText = vi.fn(() => Promise.resolve());
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    const view = render(<ReadyCard card={hostileCard()} titleId="kuc-title" fields={DEFAULT_SETTINGS.fields} send={notelessBackground} />);
    fireEvent.click(view.getByTestId('card-copy-name'));
    await waitFor(() => expect(writeText).toHaveBeenCalledWith('streamer1'));
    view.unmount();
  });
});
