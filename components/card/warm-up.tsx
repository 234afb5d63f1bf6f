import type { render as preactRender } from 'preact';
import type { LoadState } from '@/lib/page/card-data';
import type { CardStore } from '@/lib/page/card-store';
import type { SendToBackground } from '@/lib/messaging/send';
import { CardContent } from './UserCardContent';

const nothing = () => undefined;
// Nothing a warm-up renders may reach the background: its effects never run (it is taken down in the same task).
const unanswered = (() => new Promise(() => undefined)) as SendToBackground;

/** Preact's render, which the card UI has anyway (a root API would cost the card UI's size budget bytes). */
export type Render = (vnode: Parameters<typeof preactRender>[0], parent: Element) => void;

/** Builds a card out of the page and takes it down again, in one task: its code is compiled and run once. */
export function buildOnce(render: Render, username: string, state: LoadState, store: CardStore): void {
  const detached = document.createElement('div');
  render(
    <CardContent username={username} titleId="kuc-warm" state={state} fields={store.getState().settings.fields} onRetry={nothing}
      onOpenOptions={nothing} send={unanswered} />,
    detached,
  );
  render(null, detached);
}

/**
 * The first card a page opens runs the card's code for the first time, so V8 compiles each component as it is first
 * called, all in the one task that shows the card: over a frame (issue #27). In the hover delay, in tasks of their own,
 * this builds the card the first reach is loading out of the page: once as it loads, and once with its data, when that
 * comes before the card opens. A card opened first leaves nothing to do. Returns the stop.
 */
export function warmUpFirstCard(
  store: CardStore,
  render: Render,
  schedule: (run: () => void) => void = (run) => void setTimeout(run, 0),
): () => void {
  // Builds done: 0, 1 (as it loads), 2 (with its data: all done).
  let built = 0;
  let pending = false;
  const opened = () => {
    const { open, kept } = store.getState();
    return open || kept?.length || built > 1;
  };
  const check = () => {
    const [username, state] = [...store.getState().loads].at(-1) ?? [];
    if (opened()) return stop();
    if (!username || !state || pending || (built && state.status !== 'ready')) return;
    pending = true;
    schedule(() => {
      pending = false;
      if (opened()) return;
      buildOnce(render, username, built ? state : { status: 'loading' }, store);
      built++;
      check();
    });
  };
  const stop = store.subscribe(check);
  check();
  return () => {
    built = 2;
    stop();
  };
}
