import type { LayoutReport } from '../messaging/protocol';
import { countNames } from './surfaces';

/**
 * Notices when kick.com's markup no longer matches the registry: a chat with rows but no
 * recognisable names for `graceMs` is reported, so the popup can say so instead of cards failing
 * silently. Runs on a slow timer, never per chat row: every `intervalMs` until the page is
 * recognised, then every `settledMs` (counting names walks the chat, so not during every burst).
 */
export function startLayoutWatch(
  report: (r: LayoutReport) => void,
  opts: { intervalMs?: number; settledMs?: number; graceMs?: number; now?: () => number } = {},
) {
  const now = opts.now ?? Date.now;
  // Short enough that a Kick redesign shows up in the popup within seconds, long enough to outlast a page still mounting.
  const graceMs = opts.graceMs ?? 6000;
  let unrecognisedSince: number | null = null;
  let last = '';

  const check = () => {
    const surfaces = countNames();
    const namesSeen = Object.values(surfaces).reduce((a, b) => a + b, 0);
    // Rows by Kick's list structure (`#chatroom-messages > div > div[data-index]`), even when a row has lost `data-index`.
    const chatRows = document.querySelectorAll('#chatroom-messages [data-index], #chatroom-messages > div > div').length;
    let recognised = true;
    // Chat is where Kick's markup changes hurt most: rows without a single recognisable chat name.
    if (!surfaces.chat && chatRows > 0) {
      unrecognisedSince ??= now();
      recognised = now() - unrecognisedSince < graceMs;
    } else unrecognisedSince = null;
    const key = `${recognised}:${Object.keys(surfaces).sort().join(',')}`;
    if (key !== last) {
      last = key;
      report({ url: location.href.slice(0, 2048), recognised, namesSeen, surfaces });
    }
    // Settled only when nothing is pending: rows without names keep the fast pace until the grace ends.
    return recognised && unrecognisedSince === null;
  };
  let timer: ReturnType<typeof setTimeout>;
  const loop = () => {
    const settled = check();
    timer = setTimeout(loop, settled ? (opts.settledMs ?? 30_000) : (opts.intervalMs ?? 2000));
  };
  loop();
  return () => clearTimeout(timer);
}
