/**
 * Source of an expression that reads (changes null) or writes (null deletes a key) the extension's
 * secret store (lib/auth/secret-store.ts: IndexedDB `kick-user-cards` › `secrets`). Evaluated in an
 * extension context of either browser (Chromium's service worker, a Firefox extension page), so it
 * is one string rather than a function each harness would copy.
 */
export function secretStoreExpression(changes: Record<string, unknown> | null): string {
  return databaseExpression('kick-user-cards', 'secrets', changes);
}

/** The same for the notes where the browser cannot keep storage from content scripts (lib/notes/note-places.ts). */
export function notesDatabaseExpression(changes: Record<string, unknown> | null): string {
  return databaseExpression('kick-user-cards-notes', 'notes', changes);
}

function databaseExpression(name: string, storeName: 'secrets' | 'notes', changes: Record<string, unknown> | null): string {
  return `(async (changes) => {
    const db = await new Promise((resolve, reject) => {
      const request = indexedDB.open('${name}');
      request.onupgradeneeded = () => request.result.createObjectStore('${storeName}');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(new Error(String(request.error)));
    });
    const tx = db.transaction('${storeName}', changes ? 'readwrite' : 'readonly');
    const store = tx.objectStore('${storeName}');
    const out = {};
    if (changes) {
      for (const [k, v] of Object.entries(changes)) {
        if (v === null) store.delete(k);
        else store.put(v, k);
      }
    } else {
      const keys = await new Promise((resolve) => (store.getAllKeys().onsuccess = (e) => resolve(e.target.result)));
      for (const key of keys) out[key] = await new Promise((resolve) => (store.get(key).onsuccess = (e) => resolve(e.target.result)));
    }
    await new Promise((resolve) => (tx.oncomplete = resolve));
    db.close();
    // The popup and options page watch this revision to notice a change of secrets.
    if (changes && '${storeName}' === 'secrets') await (globalThis.browser ?? globalThis.chrome).storage.local.set({ kickSecretsRev: Date.now() });
    return JSON.parse(JSON.stringify(out));
  })(${JSON.stringify(changes)})`;
}
