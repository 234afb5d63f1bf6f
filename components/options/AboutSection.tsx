import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { storageProtectionItem, type StorageProtection } from '@/lib/auth/storage-access';

export function AboutSection() {
  const [protection, setProtection] = useState<StorageProtection | null>(null);
  useEffect(() => {
    void storageProtectionItem.getValue().then(setProtection);
  }, []);
  return (
    <section className="card stack" aria-labelledby="about-h">
      <h2 id="about-h">About</h2>
      <p>Kick User Cards {browser.runtime.getManifest().version}</p>
      {protection === 'failed' && (
        <p role="alert" className="error-text" data-testid="opt-storage-unprotected">
          This browser could not keep the extension’s settings storage away from kick.com’s pages (it is too old for
          storage access levels). Your tokens and app secret stay in the extension’s own database, which pages cannot
          open; update the browser to protect the rest.
        </p>
      )}
      <ul className="muted" data-testid="opt-privacy">
        <li>Your Kick app’s secret and your tokens are kept in the extension’s own database in this browser (kick.com’s pages cannot open it), and used only by the extension’s background.</li>
        <li>They are sent only to id.kick.com (sign-in) and api.kick.com (Kick’s official API).</li>
        <li>On kick.com, the extension reads kick.com’s own pages and endpoints from the page, as the site does.</li>
        <li>Cards are cached for this browser session only, then forgotten.</li>
        <li>No analytics, no tracking, no remote code.</li>
      </ul>
    </section>
  );
}
