import type { LayoutReport } from '../messaging/protocol';
import { countNames, rowHasName } from './surfaces';

/**
 * Notices when kick.com's markup no longer matches the registry: a chat where most rows show no
 * recognisable name for `graceMs` is reported, so the popup can say so instead of cards failing
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
    const rows = document.querySelectorAll('#chatroom-messages [data-index], #chatroom-messages > div > div');
    let named = 0;
    for (const row of rows) if (rowHasName(row)) named++;
    let recognised = true;
    // Chat is where Kick's markup changes hurt most. A row without a name can be a divider, so it takes most rows of an
    // unseen shape (or a whole chat of them) to count as a change.
    if (rows.length > 0 && named * 2 < rows.length) {
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
