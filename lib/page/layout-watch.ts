import type { LayoutReport } from '../messaging/protocol';
import { countNames, rowHasName, shownChatLists } from './surfaces';

/**
 * Rows by Kick's list structure (`#chatroom-messages > div > div[data-index]`), even when a row has lost `data-index`;
 * only in the lists the viewer sees (a hidden or 0×0 copy's rows, which come after the live list's, are not the newest).
 */
const ROWS = '[data-index], :scope > div > div';
const chatRows = () => shownChatLists().flatMap((list) => [...list.querySelectorAll(ROWS)]);
/**
 * Rows read at each check: the newest, where rows of a new shape show first. Reading all of a full chat (200 rows) and
 * counting every name on the page took about 9 ms of the page's thread at each check in the bench's burst profile.
 */
export const SAMPLE_ROWS = 40;

/**
 * Notices when kick.com's markup no longer matches the registry: a chat where most of the newest rows show no
 * recognisable name for `graceMs` is reported, so the popup can say so instead of cards failing silently. Runs on a
 * slow timer, never per chat row: every `intervalMs` until the page is recognised, then every `settledMs`. Counting
 * every name on the page (the report's per-surface counts) walks the whole page, so a settled page only re-reads its
 * newest rows, and counts again when that verdict changes.
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
  let counted: { settled: boolean; surfaces: Record<string, number> } | null = null;

  const check = () => {
    const rows = chatRows();
    const from = Math.max(0, rows.length - SAMPLE_ROWS);
    let named = 0;
    for (let i = from; i < rows.length; i++) if (rowHasName(rows[i]!)) named++;
    const sampled = rows.length - from;
    let recognised = true;
    // Chat is where Kick's markup changes hurt most. A row without a name can be a divider, so it takes most rows of an
    // unseen shape (or a whole chat of them) to count as a change.
    if (sampled > 0 && named * 2 < sampled) {
      unrecognisedSince ??= now();
      recognised = now() - unrecognisedSince < graceMs;
    } else unrecognisedSince = null;
    // Settled only when nothing is pending: rows without names keep the fast pace until the grace ends.
    const settled = recognised && unrecognisedSince === null;
    // Counted again while anything is pending, and until a count has found a name (a page checked before its chat mounted).
    if (!counted || !counted.settled || !settled || !Object.keys(counted.surfaces).length) counted = { settled, surfaces: countNames() };
    const { surfaces } = counted;
    const key = `${recognised}:${Object.keys(surfaces).sort().join(',')}`;
    if (key !== last) {
      last = key;
      const namesSeen = Object.values(surfaces).reduce((a, b) => a + b, 0);
      report({ url: location.href.slice(0, 2048), recognised, namesSeen, surfaces });
    }
    return settled;
  };
  let timer: ReturnType<typeof setTimeout>;
  const loop = () => {
    const settled = check();
    timer = setTimeout(loop, settled ? (opts.settledMs ?? 30_000) : (opts.intervalMs ?? 2000));
  };
  loop();
  return () => clearTimeout(timer);
}
