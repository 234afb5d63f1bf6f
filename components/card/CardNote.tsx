import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { t } from '@/lib/i18n/messages';
import type { SendToBackground } from '@/lib/messaging/send';
import type { WhenOpened } from '@/lib/page/card-chat';
import type { MessageOutput } from '@/lib/messaging/protocol';
import { createPageNoteCache } from '@/lib/notes/page-note-cache';

type Note = MessageOutput<'getNote'>['note'];
type Draft = { nickname: string; note: string };

/**
 * Unsaved edits by user, for this page's life: a hover card closes when the pointer leaves it, and what was typed
 * is still there when the card opens again.
 */
const drafts = new Map<string, Draft>();
/** Notes this tab was already told about: a card opened again shows its note at once, with no message. */
const pageNotes = createPageNoteCache<Note>();

/**
 * The user's private nickname and note about this user, and their editor (issue #13). It talks to the background
 * itself (getNote, saveNote; saving both fields empty deletes), so the card only places it. The nickname shows on
 * this card only: nothing is written into kick.com's page. Limits match NoteSchema (lib/notes/schema.ts), kept as
 * plain numbers here so zod stays off the page; the background checks again.
 */
export function CardNote({ username, whenOpened, send, seen = pageNotes }: {
  /** Whom the note is about; the background adds the id it knows (a page's id could move a note onto anyone). */
  username: string;
  /** Each later open of a kept card asks again when the tab's notes changed meanwhile, with no render of its own. */
  whenOpened?: WhenOpened;
  /**
   * The content script's messenger, handed over at mount (CardLayerProps): importing it here would bundle a second
   * copy of the messaging code into the card's UI script.
   */
  send: SendToBackground;
  seen?: ReturnType<typeof createPageNoteCache<Note>>;
}) {
  const user = { username };
  const key = username.toLowerCase();
  // What the background said for this key; until it answers, what this tab was told before (if anything).
  const [answer, setAnswer] = useState<{ key: string; note: Note } | null>(null);
  // The tab's cache first (emptied when any note changes); the last answer while a new one is on its way.
  const saved = seen.has(key) ? (seen.get(key) ?? null) : answer?.key === key ? answer.note : null;
  const setSaved = (note: Note) => {
    seen.set(key, note);
    setAnswer({ key, note });
  };
  const [draft, setDraft] = useState<Draft | null>(null);
  const [error, setError] = useState('');
  const form = useRef<HTMLFormElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);
  const refocus = useRef(false);

  // An edit left unsaved, else the stored note's fields.
  const draftOf = (note: Note | null): Draft => drafts.get(key) ?? { nickname: note?.nickname ?? '', note: note?.note ?? '' };
  const edit = (next: Draft | null) => {
    setDraft(next);
    setError('');
    if (next) drafts.set(key, next);
    else drafts.delete(key);
  };
  // Bumped by "Load your note again" after a failed load.
  const [attempt, setAttempt] = useState(0);
  // The editor was asked for before the note was known.
  const wanted = useRef(false);
  useEffect(() => {
    let live = true;
    const ask = () => {
      if (seen.has(key)) return;
      send('getNote', user).then(
        (answer) => {
          if (!live) return;
          setSaved(answer.note);
          // Asked for while the note loaded: the editor opens now, with what is stored.
          if (wanted.current) edit(draftOf(answer.note));
          wanted.current = false;
        },
        (e: Error) => {
          if (!live) return;
          setError(t('note.loadFailed', { reason: e.message }));
          wanted.current = false;
        },
      );
    };
    ask();
    const stop = whenOpened?.(ask);
    return () => {
      live = false;
      stop?.();
    };
  }, [key, whenOpened, attempt]); // eslint-disable-line react-hooks/exhaustive-deps
  // Until the background has said what is stored, an editor opened empty would save over a note it has not shown.
  const known = seen.has(key) || answer?.key === key;

  const close = () => {
    refocus.current = true;
    edit(null);
  };

  // A layout effect: focus moves in the same task as the editor opens or closes, before the card's focus-out check.
  useLayoutEffect(() => {
    if (draft) form.current?.querySelector('input')?.focus();
    else if (refocus.current) toggle.current?.focus();
    refocus.current = false;
    if (!draft) return;
    // Esc in the editor cancels the edit and leaves the card open; the next Esc closes the card. Caught on the window
    // in the capture phase, since the card's own Esc listener sits on the document.
    const onKey = (e: KeyboardEvent) => {
      const root = form.current?.getRootNode() as ShadowRoot | undefined;
      if (e.key === 'Escape' && e.isTrusted && form.current?.contains(root?.activeElement ?? null)) {
        e.stopImmediatePropagation();
        close();
      }
    };
    addEventListener('keydown', onKey, true);
    return () => removeEventListener('keydown', onKey, true);
  }, [!draft]); // eslint-disable-line react-hooks/exhaustive-deps

  const pending = drafts.get(key);
  const open = () => edit(draftOf(saved));
  return (
    <section className="note body" aria-label={t('note.label')} data-testid="card-note">
      {saved?.nickname && (
        <p data-testid="card-nickname"><span className="muted">{t('note.nickname')} </span><bdi>{saved.nickname}</bdi></p>
      )}
      {saved?.note && <p className="note-text" dir="auto" data-testid="card-note-text">{saved.note}</p>}
      {draft ? (
        <form
          ref={form}
          aria-label={t('note.about', { name: username })}
          // What is typed here is for the note, not for kick.com's own shortcuts.
          onKeyDown={(e) => e.stopPropagation()}
          onSubmit={(e) => {
            e.preventDefault();
            send('saveNote', { ...user, ...draft }).then((answer) => {
              setSaved(answer.note);
              close();
            }, (e: Error) => setError(t('note.saveFailed', { reason: e.message })));
          }}
        >
          <label>
            {t('note.nicknameField')}
            <input data-testid="card-note-nickname" maxLength={40} value={draft.nickname} onInput={(e) => edit({ ...draft, nickname: e.currentTarget.value })} />
          </label>
          <label>
            {t('note.noteField')}
            <textarea data-testid="card-note-input" rows={3} maxLength={1000} value={draft.note} onInput={(e) => edit({ ...draft, note: e.currentTarget.value })} />
          </label>
          <div>
            <button className="btn primary" data-testid="card-note-save">{t('common.save')}</button>{' '}
            <button type="button" className="btn" onClick={close}>{t('common.cancel')}</button>
          </div>
        </form>
      ) : (
        // One button whatever the state, so the keyboard finds it at once: pressed while the note loads, it opens the
        // editor when the note is known; after a failed load it asks again.
        <button ref={toggle} type="button" className="link-button" data-testid="card-note-edit" aria-disabled={!known || undefined}
          onClick={() => (known ? open() : error ? (setError(''), setAttempt((n) => n + 1)) : (wanted.current = true))}>
          {t(known ? (saved ? 'note.edit' : 'note.add') : error ? 'note.reload' : 'note.loading')}{pending && ` ${t('note.unsaved')}`}
        </button>
      )}
      {error && <p role="alert" className="note-error" data-testid="card-note-error">{error}</p>}
    </section>
  );
}
