// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SendToBackground } from '@/lib/messaging/send';
import { createPageNoteCache } from '@/lib/notes/page-note-cache';
import { CardNote } from './CardNote';

afterEach(cleanup);

const stored = { userId: 1003, username: 'modmaria', nickname: 'Maria the mod', note: 'Line one\nLine two', updatedAt: 1 };

/** The background as the card sees it: answers getNote with `note`, saveNote with `save`. */
function background(note: typeof stored | null, save: (data: unknown) => Promise<unknown> = (data) => Promise.resolve({ note: { ...stored, ...(data as object) } })) {
  return vi.fn((name: string, data: unknown) => (name === 'getNote' ? Promise.resolve({ note }) : save(data))) as unknown as SendToBackground & ReturnType<typeof vi.fn>;
}

/** Each test its own tab: nothing remembered from another test's cards. */
const tab = () => createPageNoteCache<typeof stored | null>(200, () => undefined);

const esc = (target: Element) => fireEvent.keyDown(target, { key: 'Escape' });

/** The note's button once the stored note is known (while it loads, the button is there but opens nothing yet). */
async function loadedButton(view: { getByTestId(id: string): HTMLElement }): Promise<HTMLElement> {
  await waitFor(() => expect(view.getByTestId('card-note-edit').hasAttribute('aria-disabled')).toBe(false));
  return view.getByTestId('card-note-edit');
}

describe('CardNote', () => {
  it('shows the nickname, labelled as the user’s own, and the note', async () => {
    const view = render(<CardNote seen={tab()} username="modmaria" send={background(stored)} />);
    await waitFor(() => expect(view.getByTestId('card-nickname').textContent).toBe('Your nickname: Maria the mod'));
    expect(view.getByTestId('card-note-text').textContent).toBe('Line one\nLine two');
    expect(view.getByTestId('card-note-edit').textContent).toBe('Edit note');
    expect(view.getByRole('region', { name: 'Your private note' })).toBeTruthy();
  });

  it('asks for the note by user id and username', async () => {
    const send = background(null);
    const view = render(<CardNote seen={tab()} username="modmaria" send={send} />);
    await waitFor(() => expect(send).toHaveBeenCalledWith('getNote', { username: 'modmaria' }));
    expect((await loadedButton(view)).textContent).toBe('Add note');
    expect(view.queryByTestId('card-nickname')).toBeNull();
  });

  it('shows a note the tab was told before at once, without asking again, until the notes change', async () => {
    let changed = () => undefined as void;
    const seen = createPageNoteCache<typeof stored | null>(200, (onChange) => void (changed = onChange));
    const first = background(stored);
    render(<CardNote seen={seen} username="modmaria" send={first} />);
    await waitFor(() => expect(first).toHaveBeenCalledTimes(1));
    cleanup();
    const again = background(stored);
    const view = render(<CardNote seen={seen} username="modmaria" send={again} />);
    // The first render already holds it: no message, no second render.
    expect(view.getByTestId('card-nickname').textContent).toBe('Your nickname: Maria the mod');
    expect(again).not.toHaveBeenCalled();
    cleanup();
    changed();
    const afterChange = background(null);
    const fresh = render(<CardNote seen={seen} username="modmaria" send={afterChange} />);
    await waitFor(() => expect(afterChange).toHaveBeenCalledWith('getNote', { username: 'modmaria' }));
    await waitFor(() => expect(fresh.queryByTestId('card-nickname')).toBeNull());
  });

  it('opens a labelled editor with the focus in it, and saves what was typed', async () => {
    const send = background(null);
    const view = render(<CardNote seen={tab()} username="modmaria" send={send} />);
    fireEvent.click(await loadedButton(view));
    const nickname = view.getByLabelText(/Nickname/) as HTMLInputElement;
    expect(document.activeElement).toBe(nickname);
    expect(view.getByRole('form', { name: 'Your note about modmaria' })).toBeTruthy();
    fireEvent.input(nickname, { target: { value: 'Maria' } });
    fireEvent.input(view.getByLabelText(/^Note/), { target: { value: 'a\nb' } });
    fireEvent.click(view.getByTestId('card-note-save'));
    await waitFor(() => expect(view.getByTestId('card-nickname').textContent).toBe('Your nickname: Maria'));
    expect(send).toHaveBeenCalledWith('saveNote', { username: 'modmaria', nickname: 'Maria', note: 'a\nb' });
    expect(document.activeElement).toBe(view.getByTestId('card-note-edit'));
  });

  it('Esc in the editor cancels the edit, keeps the card open and returns the focus; the next Esc reaches the card', async () => {
    const closeCard = vi.fn();
    // The card closes on Esc from a document listener in the capture phase (lib/page/hover-cards.ts).
    const onDocument = (e: KeyboardEvent) => {
      if (e.key === 'Escape') closeCard();
    };
    document.addEventListener('keydown', onDocument, true);
    try {
      const view = render(<CardNote seen={tab()} username="modmaria" send={background(stored)} />);
      await waitFor(() => view.getByTestId('card-nickname'));
      fireEvent.click(view.getByTestId('card-note-edit'));
      // happy-dom marks fireEvent's events untrusted; a browser's Esc key is trusted.
      const input = view.getByLabelText(/Nickname/);
      const trusted = new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true });
      Object.defineProperty(trusted, 'isTrusted', { value: true });
      act(() => void input.dispatchEvent(trusted));
      expect(view.queryByRole('form')).toBeNull();
      expect(closeCard).not.toHaveBeenCalled();
      expect(document.activeElement).toBe(view.getByTestId('card-note-edit'));
      esc(view.getByTestId('card-note-edit'));
      expect(closeCard).toHaveBeenCalledTimes(1);
    } finally {
      document.removeEventListener('keydown', onDocument, true);
    }
  });

  it('opens no editor before the stored note is known, so none is saved over: pressed while it loads, it opens once known', async () => {
    let answer = (_: unknown) => undefined as void;
    const send = vi.fn((name: string) => (name === 'getNote' ? new Promise((resolve) => (answer = resolve)) : Promise.resolve({ note: stored }))) as unknown as SendToBackground;
    const view = render(<CardNote seen={tab()} username="loading_lou" send={send} />);
    const button = view.getByTestId('card-note-edit');
    expect(button.textContent).toBe('Loading your note…');
    expect(button.getAttribute('aria-disabled')).toBe('true');
    fireEvent.click(button);
    expect(view.queryByRole('form')).toBeNull();
    act(() => answer({ note: stored }));
    // The editor opens with what is stored, the focus in it.
    await waitFor(() => expect((view.getByLabelText(/Nickname/) as HTMLInputElement).value).toBe('Maria the mod'));
    expect(document.activeElement).toBe(view.getByLabelText(/Nickname/));
  });

  it('says when the note could not be loaded, and its button asks again', async () => {
    let fail = true;
    const send = vi.fn((name: string) =>
      name === 'getNote' ? (fail ? Promise.reject(new Error('the extension could not answer')) : Promise.resolve({ note: stored })) : Promise.resolve({ note: stored }),
    ) as unknown as SendToBackground;
    const view = render(<CardNote seen={tab()} username="failing_fay" send={send} />);
    await waitFor(() => expect(view.getByRole('alert').textContent).toBe('Your note could not be loaded: the extension could not answer'));
    expect(view.getByTestId('card-note-edit').textContent).toBe('Load your note again');
    fail = false;
    fireEvent.click(view.getByTestId('card-note-edit'));
    await waitFor(() => expect(view.getByTestId('card-note-edit').textContent).toBe('Edit note'));
    expect(view.getByTestId('card-nickname').textContent).toBe('Your nickname: Maria the mod');
    expect(view.queryByRole('alert')).toBeNull();
    expect(view.queryByRole('form')).toBeNull();
  });

  it('says clearly when the save failed, and keeps what was typed', async () => {
    const send = background(null, () => Promise.reject(new Error('Message "saveNote" rejected: nickname: Too big')));
    const view = render(<CardNote seen={tab()} username="modmaria" send={send} />);
    fireEvent.click(await loadedButton(view));
    fireEvent.input(view.getByLabelText(/Nickname/), { target: { value: 'Maria' } });
    fireEvent.click(view.getByTestId('card-note-save'));
    await waitFor(() => expect(view.getByRole('alert').textContent).toBe('Could not save the note: Message "saveNote" rejected: nickname: Too big'));
    expect((view.getByLabelText(/Nickname/) as HTMLInputElement).value).toBe('Maria');
  });

  it('keeps an unsaved edit when the card closes, for the next time it opens', async () => {
    const first = render(<CardNote seen={tab()} username="draftdan" send={background(null)} />);
    fireEvent.click(await loadedButton(first));
    fireEvent.input(first.getByLabelText(/^Note/), { target: { value: 'half-typed' } });
    first.unmount();
    const again = render(<CardNote seen={tab()} username="draftdan" send={background(null)} />);
    expect((await loadedButton(again)).textContent).toBe('Add note (unsaved)');
    fireEvent.click(again.getByTestId('card-note-edit'));
    expect((again.getByLabelText(/^Note/) as HTMLTextAreaElement).value).toBe('half-typed');
  });
});
