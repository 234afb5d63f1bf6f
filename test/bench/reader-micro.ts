/**
 * `npx tsx test/bench/reader-micro.ts`: what reading one chat row costs the chat record (lib/page/chat-reader.ts), by
 * step, in Debian's headless Chromium. Run by hand; `npm run bench` has the whole-burst figure, this says where it goes.
 *
 * Each variant's rows (built from the captured shapes, test/kick-sim/fixtures, by test/kick-sim/variants.ts) are put in
 * a `#chatroom-messages > div` list, the reader's code runs in an isolated world made over CDP (a content script's
 * sandbox: every DOM call crosses the same bindings), and each step is timed over all the rows, repeatedly:
 * - sender: `rowMessage` (the text element and the sender's name);
 * - text: `messageText` of that element;
 * - key: the dedupe key of the row (`rowKey`);
 * - add: `record.add` into a fresh record;
 * - readRow: the whole read, as the reader does it;
 * - detached: the whole read of rows that already left the page (as most rows of a burst have by the idle read);
 * - fresh: the whole read, once, of rows the page just made (the list's HTML set again from the page's own world before
 *   each run). The other columns re-read the same rows, whose wrappers in the reader's world already exist; a real
 *   chat row is read once, so each element the reader touches costs a new wrapper. This column is the realistic one.
 * - observer: the reader's MutationObserver callback (createRowQueue's take), per row appended 20 a frame with the
 *   oldest unmounted beyond 200 (a record per row unmounted: the browser's cost of making records is not counted).
 * Figures are medians over RUNS of µs per row. A measurement, not a test: it prints its figures and exits 0.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { CHROMIUM_PATH } from '../e2e/harness';
import { renderRow, type Variant } from '../kick-sim/variants';

const ROWS = 1000;
const RUNS = 41;
/** Reads of freshly made rows (one pass each: a second would find the wrappers made). */
const FRESH_RUNS = 21;
const VARIANTS: Variant[] = ['current', 'title', 'rewritten', 'nipahtv', 'seventv'];

/** Runs in the isolated world: times each step over the list's rows. */
const pageSide = `
import { createRowQueue, messageText, readRow, rowKey } from './lib/page/chat-reader';
import { createChatRecord } from './lib/page/chat-record';
import { rowMessage } from './lib/page/surfaces';

const median = (xs) => xs.sort((a, b) => a - b)[xs.length >> 1];
/** µs per row: each run repeats the step REPS times (performance.now() is coarse outside cross-origin isolation). */
const REPS = 10;
const perRow = (rows, runs, step) => {
  const out = [];
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    for (let i = 0; i < REPS; i++) step();
    out.push(((performance.now() - t0) * 1000) / rows / REPS);
  }
  return median(out);
};

globalThis.__readerMicro = async (runs) => {
  const list = document.querySelector('#chatroom-messages > div');
  const rows = [...list.children];
  const n = rows.length;
  const messages = rows.map((row) => rowMessage(row));
  const texts = messages.map((m) => m && messageText(m.text).trim());
  const keys = rows.map((row) => rowKey(row));
  let sink = 0;
  const record = createChatRecord();
  const figures = {
    sender: perRow(n, runs, () => { for (const row of rows) sink += rowMessage(row) ? 1 : 0; }),
    text: perRow(n, runs, () => { for (const m of messages) if (m) sink += messageText(m.text).trim().length; }),
    key: perRow(n, runs, () => { for (const row of rows) sink += rowKey(row); }),
    add: perRow(n, runs, () => {
      record.reset();
      for (let i = 0; i < n; i++) if (texts[i]) record.add(messages[i].username, texts[i], keys[i], 0);
    }),
    readRow: perRow(n, runs, () => { record.reset(); for (const row of rows) readRow(record, row, 0); }),
  };
  // Rows that left the page before the idle read (the virtualiser keeps the newest ~200 of a 1,000-row burst).
  const detached = rows.map((row) => row.cloneNode(true));
  figures.detached = perRow(n, runs, () => { record.reset(); for (const row of detached) readRow(record, row, 0); });

  figures.sink = sink % 2;
  globalThis.__readerRows = rows;
  return { rows: n, figures };
};

/**
 * The observer callback's own work (createRowQueue's take) on the records of rows appended 20 a frame with the oldest
 * unmounted beyond 200, as Kick's virtualiser and the bench's burst do: each callback's records taken TAKES times.
 */
/** One read of every row now in the list, which the page's world has just made: µs per row. */
globalThis.__freshMicro = () => {
  const rows = [...document.querySelector('#chatroom-messages > div').children];
  const record = createChatRecord();
  const t0 = performance.now();
  for (const row of rows) readRow(record, row, 0);
  return ((performance.now() - t0) * 1000) / rows.length;
};

globalThis.__observerMicro = async () => {
  const TAKES = 100;
  const list = document.querySelector('#chatroom-messages > div');
  const templates = [...list.children].slice(0, 60);
  const box = document.createElement('div');
  box.append(...[...list.children].slice(0, 200));
  document.body.append(box);
  const queue = createRowQueue(Date.now);
  let ms = 0, rows = 0, calls = 0;
  const observer = new MutationObserver((mutations) => {
    const t0 = performance.now();
    for (let k = 0; k < TAKES; k++) queue.take(mutations);
    ms += performance.now() - t0;
    calls++;
    queue.clear();
  });
  observer.observe(box, { childList: true });
  for (let f = 0; f < 200; f++) {
    box.append(...Array.from({ length: 20 }, (_, i) => templates[(f * 20 + i) % templates.length].cloneNode(true)));
    while (box.children.length > 200) box.firstElementChild.remove();
    rows += 20;
    await Promise.resolve();
  }
  observer.disconnect();
  return { perRowUs: (ms * 1000) / TAKES / rows, callbacks: calls };
};
`;
async function bundle(): Promise<string> {
  const root = path.resolve(import.meta.dirname, '../..');
  const out = await build({ stdin: { contents: pageSide, resolveDir: root, loader: 'ts' }, bundle: true, write: false, format: 'iife', target: 'chrome120' });
  return out.outputFiles[0]!.text;
}

async function main() {
  const code = await bundle();
  const dir = await mkdtemp(path.join(tmpdir(), 'kuc-reader-micro-'));
  const context = await chromium.launchPersistentContext(dir, { executablePath: CHROMIUM_PATH, headless: true });
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    const table: Record<string, Record<string, number | string>> = {};
    for (const variant of VARIANTS) {
      const rows = Array.from({ length: ROWS }, (_, i) => renderRow(variant, i, i % 300)).join('');
      await page.setContent(`<!doctype html><body><div id="chatroom-messages"><div>${rows}</div></div></body>`);
      const { frameTree } = await cdp.send('Page.getFrameTree');
      const { executionContextId } = await cdp.send('Page.createIsolatedWorld', { frameId: frameTree.frame.id, worldName: 'reader-micro' });
      const ev = async (expression: string) => {
        const r = await cdp.send('Runtime.evaluate', { expression, contextId: executionContextId, awaitPromise: true, returnByValue: true });
        if (r.exceptionDetails) throw new Error(JSON.stringify(r.exceptionDetails));
        return r.result.value as unknown;
      };
      await ev(code);
      // Warm-up: the first runs compile and optimise.
      await ev(`__readerMicro(5)`);
      const { rows: n, figures } = (await ev(`__readerMicro(${RUNS})`)) as { rows: number; figures: Record<string, number> };
      const r2 = (v: number) => Math.round(v * 100) / 100;
      const observer = (await ev(`__observerMicro()`)) as { perRowUs: number; callbacks: number };
      // Fresh rows: the page's world sets the list's HTML again before each read (warm code, new elements).
      await page.evaluate((html) => ((globalThis as { __rowsHtml?: string }).__rowsHtml = html), rows);
      const fresh: number[] = [];
      for (let run = 0; run < FRESH_RUNS; run++) {
        await page.evaluate(() => (document.querySelector('#chatroom-messages > div')!.innerHTML = (globalThis as { __rowsHtml?: string }).__rowsHtml!));
        fresh.push((await ev(`__freshMicro()`)) as number);
      }
      table[variant] = { rows: n, 'observer µs': r2(observer.perRowUs), ...Object.fromEntries(Object.entries(figures).filter(([k]) => k !== 'sink' && k !== 'queued').map(([k, v]) => [`${k} µs`, r2(v)])), 'fresh µs': r2(fresh.sort((a, b) => a - b)[fresh.length >> 1]!) };
    }
    console.log(`µs per row, median of ${RUNS} runs over ${ROWS} rows, Chromium isolated world (${CHROMIUM_PATH})`);
    console.table(table);
  } finally {
    await context.close();
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
