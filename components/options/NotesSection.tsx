import { useCallback, useEffect, useRef, useState } from 'react';
import { t } from '@/lib/i18n/messages';
import { browser } from 'wxt/browser';
import type { MessageOutput } from '@/lib/messaging/protocol';
import { touchesNotes } from '@/lib/notes/storage-keys';
import { importLimitWords, MAX_IMPORT_BYTES, NOTES_FILE_NAME, sizeInWords, toNotesFile } from '@/lib/notes/notes-file';
import { NICKNAME_MAX, NOTE_MAX, type Note } from '@/lib/notes/schema';
import { searchNotes } from '@/lib/notes/search';
import { NOTES_MAX_BYTES } from '@/lib/notes/storage-area';
import type { Send } from '@/lib/stores/auth-store';

type Overview = MessageOutput<'listNotes'>;

const kB = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;
const reason = (error: unknown) => (error instanceof Error ? error.message : String(error));
const rowKey = (n: Note) => (n.userId !== undefined ? `id:${n.userId}` : n.username.toLowerCase());

function AreaLine({ overview }: { overview: Overview }) {
  const { area, usage, quotas } = overview;
  return (
    <p className="muted" data-testid="opt-notes-area" data-area={area}>
      {area === 'sync'
        ? t('notes.sync', { used: kB(usage.bytes), quota: kB(quotas.bytes) })
        : area === 'local'
          ? t('notes.local', { used: kB(usage.bytes), quota: kB(quotas.bytes), item: kB(quotas.bytesPerItem) })
          : t('notes.database', { used: kB(usage.bytes) })}{' '}
      {t('notes.neverSent')}
    </p>
  );
}

function NoteRow({ note, send, onChanged, onDeleted }: { note: Note; send: Send; onChanged: () => void; onDeleted: (note: Note) => void }) {
  const [draft, setDraft] = useState<{ nickname: string; note: string } | null>(null);
  const [error, setError] = useState('');
  const user = { username: note.username, userId: note.userId };
  const save = async () => {
    if (!draft) return;
    try {
      await send('saveNote', { ...user, ...draft });
      setDraft(null);
      setError('');
      onChanged();
    } catch (e) {
      setError(t('notes.saveFailed', { reason: reason(e) }));
    }
  };
  const remove = async () => {
    try {
      await send('deleteNote', user);
      onDeleted(note);
    } catch (e) {
      setError(t('notes.deleteFailed', { reason: reason(e) }));
    }
  };
  return (
    <li className="card stack" data-testid="opt-note" data-username={note.username}>
      <div className="row" style={{ justifyContent: 'space-between' }}>
        <strong>@<bdi>{note.username}</bdi>{note.userId !== undefined && <span className="muted"> · {t('card.id', { id: note.userId })}</span>}</strong>
        <span className="muted">{new Date(note.updatedAt).toLocaleString()}</span>
      </div>
      {draft ? (
        <form className="stack" aria-label={t('notes.editAbout', { name: note.username })} onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}>
          <label className="field">{t('notes.nickname')}
            <input data-testid="opt-note-nickname" maxLength={NICKNAME_MAX} value={draft.nickname} onInput={(e) => setDraft({ ...draft, nickname: e.currentTarget.value })} />
          </label>
          <label className="field">{t('notes.note')}
            <textarea data-testid="opt-note-text" rows={4} maxLength={NOTE_MAX} value={draft.note} onInput={(e) => setDraft({ ...draft, note: e.currentTarget.value })} />
          </label>
          <div className="row">
            <button className="btn primary" data-testid="opt-note-save">{t('common.save')}</button>
            <button type="button" className="btn" onClick={() => setDraft(null)}>{t('common.cancel')}</button>
          </div>
        </form>
      ) : (
        <>
          {note.nickname && <div data-testid="opt-note-nickname-text">{t('notes.nicknameIs')} <bdi>{note.nickname}</bdi></div>}
          {note.note && <div dir="auto" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} data-testid="opt-note-body">{note.note}</div>}
          <div className="row">
            <button type="button" className="btn" data-testid="opt-note-edit" onClick={() => setDraft({ nickname: note.nickname, note: note.note })}>{t('notes.edit')}</button>
            <button type="button" className="btn danger" data-testid="opt-note-delete" onClick={() => void remove()}>{t('notes.delete')}</button>
          </div>
        </>
      )}
      {error && <p className="error-text" role="alert">{error}</p>}
    </li>
  );
}

/** The notes and nicknames (issue #13): search, edit, delete with undo, export and import, and where they are kept. */
export function NotesSection({ send }: { send: Send }) {
  const [overview, setOverview] = useState<Overview | null>(null);
  const [query, setQuery] = useState('');
  const [message, setMessage] = useState<{ text: string; error?: boolean; undo?: Note } | null>(null);

  // Loads overlap (a change, the page shown again): only the last one asked may set the list, whatever answers last.
  const asked = useRef(0);
  const load = useCallback(() => {
    const ask = ++asked.current;
    send('listNotes', {}).then(
      (overview) => ask === asked.current && setOverview(overview),
      (e: unknown) => setMessage({ text: t('notes.loadFailed', { reason: reason(e) }), error: true }),
    );
  }, [send]);
  useEffect(() => {
    load();
    // A note saved from a card meanwhile shows here too: heard from storage where the notes are in it, and read again
    // when the user comes back to this page where they are in the extension's database, which tells no one (Firefox).
    const onChanged = (changes: Record<string, unknown>) => {
      if (touchesNotes(Object.keys(changes))) load();
    };
    const onShown = () => {
      if (document.visibilityState === 'visible') load();
    };
    browser.storage.onChanged.addListener(onChanged);
    document.addEventListener('visibilitychange', onShown);
    return () => {
      browser.storage.onChanged.removeListener(onChanged);
      document.removeEventListener('visibilitychange', onShown);
    };
  }, [load]);

  const exportFile = async () => {
    try {
      const file = await send('exportNotes', {});
      const url = URL.createObjectURL(new Blob([JSON.stringify(file, null, 2)], { type: 'application/json' }));
      const link = Object.assign(document.createElement('a'), { href: url, download: NOTES_FILE_NAME });
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      setMessage({ text: `Exported ${file.notes.length} note${file.notes.length === 1 ? '' : 's'} to ${NOTES_FILE_NAME}.` });
    } catch (e) {
      setMessage({ text: t('notes.exportFailed', { reason: reason(e) }), error: true });
    }
  };

  const importFile = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    const refuse = (why: string) => setMessage({ text: t('notes.importRefused', { reason: why }), error: true });
    // Checked before reading: a huge file would only be refused after filling memory. Its size is its bytes, the bound's unit.
    if (file.size > MAX_IMPORT_BYTES) return refuse(t('notes.tooLarge', { size: sizeInWords(file.size), limit: importLimitWords() }));
    try {
      const text = await file.text();
      const result = await send('importNotes', { text });
      if (!result.ok) return refuse(result.reason);
      setMessage({ text: `Imported ${result.imported} note${result.imported === 1 ? '' : 's'} from ${file.name}.` });
      load();
    } catch (e) {
      refuse(reason(e));
    }
  };

  const undo = async (note: Note) => {
    // Through import, so the note comes back exactly as it was, date included.
    const result = await send('importNotes', { text: JSON.stringify(toNotesFile([note])) }).catch((e: unknown) => ({ ok: false as const, reason: reason(e) }));
    setMessage(result.ok ? { text: t('notes.back', { name: note.username }) } : { text: t('notes.undoFailed', { reason: result.reason }), error: true });
    load();
  };

  const shown = overview ? searchNotes(overview.notes, query) : [];
  return (
    <section className="card stack" aria-labelledby="notes-h" data-testid="opt-notes">
      <h2 id="notes-h">{t('notes.title')}</h2>
      <p className="muted">{t('notes.intro')}</p>
      {overview && <AreaLine overview={overview} />}
      <div className="row">
        <button type="button" className="btn" data-testid="opt-notes-export" onClick={() => void exportFile()}>{t('notes.export')}</button>
        <label className="btn" style={{ position: 'relative' }}>
          {t('notes.import')}
          <input type="file" accept=".json,application/json" data-testid="opt-notes-import" style={{ position: 'absolute', opacity: 0, width: 1, height: 1 }}
            onChange={(e) => void importFile(e.currentTarget)} />
        </label>
      </div>
      <p className="muted" data-testid="opt-notes-import-limit">
        {t('notes.limits', { file: importLimitWords(), all: sizeInWords(NOTES_MAX_BYTES) })}
      </p>
      <p role={message?.error ? 'alert' : 'status'} className={message?.error ? 'error-text' : 'muted'} data-testid="opt-notes-message">
        {message?.text}
        {message?.undo && (
          <> <button type="button" className="btn" data-testid="opt-notes-undo" onClick={() => void undo(message.undo!)}>{t('mod.undo')}</button></>
        )}
      </p>
      {overview && overview.notes.length > 0 && (
        <div className="field">
          <label htmlFor="notes-search">{t('notes.search')}</label>
          <input id="notes-search" type="search" data-testid="opt-notes-search" value={query} onInput={(e) => setQuery(e.currentTarget.value)} />
        </div>
      )}
      {overview && (
        <ul className="stack" style={{ listStyle: 'none', padding: 0, margin: 0 }} data-testid="opt-notes-list" data-count={shown.length}>
          {shown.map((note) => (
            <NoteRow key={rowKey(note)} note={note} send={send} onChanged={load}
              onDeleted={(gone) => {
                setMessage({ text: t('notes.deleted', { name: gone.username }), undo: gone });
                load();
              }} />
          ))}
        </ul>
      )}
      {overview?.notes.length === 0 && <p className="muted" data-testid="opt-notes-empty">{t('notes.empty')}</p>}
      {overview && overview.notes.length > 0 && shown.length === 0 && <p className="muted">{t('notes.noMatch', { query })}</p>}
    </section>
  );
}
