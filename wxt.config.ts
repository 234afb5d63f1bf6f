import path from 'node:path';
import { defineConfig } from 'wxt';
import { FIREFOX_ADDON_ID, FIREFOX_MIN_VERSION } from './config/firefox';

// A fixed public key keeps the Chrome extension id (and so the OAuth redirect URI
// https://<id>.chromiumapp.org/) the same wherever the unpacked build is loaded from.
const CHROME_MANIFEST_KEY =
  'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAoWZsNUCnUWZ5rWEU/AcMDrMCW4OFjN8RKN+/zrea/jnm/qee3Op4aLo537CE1dNQLC07uG7euEhcZOyuiLX1FdH/HJPz0SYyl8XDB90Ky2OK0FYCpFD4ZRzZ7RjeIESvZBOwfVuqfu8ht4h8ILyuP+xttOJoglabE6Ee4uxfuTu9Ig1hiKNvrzghTh8F7JfMMl0UFStZt274RrFODTqVST0X4RrK1MAXXxX518LPh80doPDyxUAaHRGe6wVVVhKSkD10vJCQIGaghNJtM8HNvUV66PEb/2NflSgY20pvd/LR+kxltb1S2AZl7gI2P52NsAL44fXpiLxvtoKUOLToywIDAQAB';

export default defineConfig({
  modules: ['@wxt-dev/module-react', '@wxt-dev/i18n/module'],
  manifest: ({ browser }) => ({
    // The browser's UI language picks one of locales/*.yml (locales/README.md); English when none fits.
    default_locale: 'en',
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    // scripting: the card's UI is injected into a kick.com tab on the first hover (lib/background/card-ui-injection.ts).
    permissions: ['storage', 'identity', 'alarms', 'scripting'],
    // kick.com: the pages the content script already runs on, where the card UI is injected.
    host_permissions: ['https://api.kick.com/*', 'https://id.kick.com/*', 'https://kick.com/*', 'https://www.kick.com/*'],
    // Both browsers' default, said here because the code depends on it: one background serves normal and private
    // windows (Firefox has no "split"), so private windows' cards and chat records are kept apart in it
    // (lib/background/services.ts, lib/chat-feed/chat-feeds.ts), never in the shared storage.session.
    incognito: 'spanning',
    // 116: the first Chrome where a WebSocket's traffic keeps the service worker alive (lib/chat-feed/pusher-socket.ts);
    // storage.local.setAccessLevel (lib/auth/storage-access.ts) needs 102.
    ...(browser === 'chrome' ? { key: CHROME_MANIFEST_KEY, minimum_chrome_version: '116' } : {}),
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            // Nothing leaves the browser except calls to Kick made for the user (its API, kick.com, and its chat socket run by
            // Pusher, which is told only which public chat to follow): no data collection to declare.
            gecko: { id: FIREFOX_ADDON_ID, strict_min_version: FIREFOX_MIN_VERSION, data_collection_permissions: { required: ['none'] } },
          },
        }
      : {}),
  }),
  // React's API on Preact: the content script ships on every kick.com page, and Preact's runtime
  // is a fraction of react-dom's (see the content script size figure in `npm run bench`).
  // `--mode e2e` builds the variant the E2E tests load (.output/chrome-mv3-e2e): it has the test hooks
  // and an open shadow root; `--mode e2e-relay` is the same against a token relay. Every other build
  // is the production one, with neither (issue #10).
  vite: ({ mode }) => ({
    define: { __KUC_TEST_HOOKS__: JSON.stringify(mode === 'e2e' || mode === 'e2e-relay') },
    // `--mode sizemap` (npm run size): the production code with a hidden source map, for the content script's module
    // breakdown; the E2E build has one too, so the benchmark can say which modules a card open's CPU time went to.
    // Hidden: no script names its map, so the browser never loads it.
    build: mode === 'sizemap' || mode === 'e2e' ? { sourcemap: 'hidden' as const } : {},
    resolve: {
      alias: [
        // The extension API from each browser's own binding, never a global the page can name (lib/extension-api.ts).
        { find: /^@wxt-dev\/browser$/, replacement: path.resolve(import.meta.dirname, 'lib/extension-api.ts') },
        { find: /^react-dom\/client$/, replacement: 'preact/compat/client' },
        { find: /^react-dom$/, replacement: 'preact/compat' },
        { find: /^react\/jsx-runtime$/, replacement: 'preact/jsx-runtime' },
        { find: /^react\/jsx-dev-runtime$/, replacement: 'preact/jsx-dev-runtime' },
        { find: /^react$/, replacement: 'preact/compat' },
      ],
    },
  }),
  zip: {
    excludeSources: ['test/e2e/artifacts/**', 'test/kick-sim/certs/**', '**/*.log', 'test/demo/artifacts/**', 'test/bench/results.json'],
  },
});
