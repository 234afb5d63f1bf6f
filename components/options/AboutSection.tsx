import { browser } from 'wxt/browser';

export function AboutSection() {
  return (
    <section className="card stack" aria-labelledby="about-h">
      <h2 id="about-h">About</h2>
      <p>Kick User Cards {browser.runtime.getManifest().version}</p>
      <ul className="muted" data-testid="opt-privacy">
        <li>Your Kick app’s secret and your tokens are kept in this browser’s extension storage, and used only by the extension’s background.</li>
        <li>They are sent only to id.kick.com (sign-in) and api.kick.com (Kick’s official API).</li>
        <li>On kick.com, the extension reads kick.com’s own pages and endpoints from the page, as the site does.</li>
        <li>Cards are cached for this browser session only, then forgotten.</li>
        <li>No analytics, no tracking, no remote code.</li>
      </ul>
    </section>
  );
}
