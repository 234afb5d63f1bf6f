import type { render as preactRender } from 'preact';
import type { LoadState } from '@/lib/page/card-data';
import type { CardStore } from '@/lib/page/card-store';
import type { CardField } from '@/lib/settings/settings-schema';
import type { SendToBackground } from '@/lib/messaging/send';
import { CardContent } from './UserCardContent';

const nothing = () => undefined;
// Nothing a warm-up renders reaches the background: its note never loads.
const unanswered = (() => new Promise(nothing)) as SendToBackground;

/** Preact's render, which the card UI has anyway (a root API would cost the card UI's size budget bytes). */
export type Render = (vnode: Parameters<typeof preactRender>[0], parent: Element) => void;

/** Builds `username`'s card in `state` into `into` (a card's box that is never placed, so never seen), with the sections in `fields`. */
export function buildInto(render: Render, into: Element, username: string, state: LoadState, fields: Record<CardField, boolean>): void {
  render(
    <CardContent username={username} titleId="kuc-w" state={state} fields={fields} onRetry={nothing}
      onOpenOptions={nothing} send={unanswered} />,
    into,
  );
}

/**
 * The first card a page opens runs the card's code for the first time (V8 compiles each component as it is first
 * called) and lays out text in fonts no frame used before, all in the task and the frame that show it: over a frame
 * (issue #27). In the hover delay, in tasks of their own, this builds the card the first reach is loading, unseen in
 * `root`: once as it loads, and with its data when that comes before the card opens, first without its optional
 * sections and then with them (half of the card's code to compile in each task), each laid out by a frame after.
 * (Floating-ui is not warmed here: the page's first card is placed in a task of its own, card-position.ts revealCard.)
 * Taken down when a card opens, or a second after its first build. Returns the stop.
 */
export function warmUpFirstCard(
  store: CardStore,
  render: Render,
  root: Element | ShadowRoot,
  schedule: (run: () => void) => void = (run) => void setTimeout(run),
): () => void {
  // Builds done: 0, 1 (as it loads), 2 (with its data, sections off), 3 (with them, or stopped: all done).
  let built = 0;
  let pending = false;
  let box: HTMLElement | undefined;
  const check = () => {
    const { open, kept, loads } = store.getState();
    if (open || kept?.length) return stop();
    const [username, state] = [...loads].at(-1) ?? [];
    if (!state || pending || built > 2 || (built && state.status !== 'ready')) return;
    pending = true;
    schedule(() => {
      pending = false;
      if (built > 2) return;
      if (!box) {
        box = document.createElement('div');
        box.className = 'kuc-card';
        root.append(box);
        // A second after the first build the card has opened or was passed by: the later builds are not waited for.
        setTimeout(stop, 1000);
      }
      // The second build has no sections: each field reads as off.
      const build = built++;
      buildInto(render, box, username!, build ? state : { status: 'loading' }, build === 1 ? ({} as Record<CardField, boolean>) : store.getState().settings.fields);
      check();
    });
  };
  const unsubscribe = store.subscribe(check);
  const stop = () => {
    built = 3;
    unsubscribe();
    if (box) {
      render(null, box);
      box.remove();
      box = undefined;
    }
  };
  check();
  return stop;
}
