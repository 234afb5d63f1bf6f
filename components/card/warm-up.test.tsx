// @vitest-environment happy-dom
import { flushSync } from 'react-dom';
import { createRoot, type Root } from 'react-dom/client';
import { describe, expect, it, vi } from 'vitest';
import { mergeCard } from '@/lib/cards/merge';
import type { LoadState } from '@/lib/page/card-data';
import { createCardStore } from '@/lib/page/card-store';
import { buildOnce, warmUpFirstCard, type Render } from './warm-up';

/** Preact's render(vnode, parent) / render(null, parent), done with React's root API (the unit tests run React). */
const roots = new Map<Element, Root>();
const reactRender: Render = (vnode, parent) => {
  if (vnode === null) {
    roots.get(parent)?.unmount();
    roots.delete(parent);
    return;
  }
  const root = roots.get(parent) ?? createRoot(parent);
  roots.set(parent, root);
  flushSync(() => root.render(vnode as never));
};

const card = mergeCard('modmaria', { state: 'not_found' }, { state: 'ok', profile: { userId: 1003, username: 'modmaria' } });

/** A warm-up whose tasks run when the test says, and whose builds are counted. */
function setup() {
  const store = createCardStore();
  const tasks: (() => void)[] = [];
  const built: LoadState['status'][] = [];
  // Each build renders the card once and takes it down: the state it was built in is what the render saw.
  const counting: Render = (vnode, parent) => {
    if (vnode !== null) built.push((vnode as { props: { state: LoadState } }).props.state.status);
    reactRender(vnode, parent);
  };
  const stop = warmUpFirstCard(store, counting, (run) => void tasks.push(run));
  const runTasks = () => tasks.splice(0).forEach((run) => run());
  return { store, tasks, built, stop, runTasks };
}

describe('warmUpFirstCard', () => {
  it('builds the reached card as it loads and again with its data, each in a task of its own, then stops', () => {
    const t = setup();
    expect(t.tasks).toHaveLength(0);
    t.store.setState({ loads: new Map([['modmaria', { status: 'loading' }]]) });
    expect(t.built).toEqual([]);
    t.runTasks();
    expect(t.built).toEqual(['loading']);
    t.store.setState({ loads: new Map([['modmaria', { status: 'ready', card }]]) });
    expect(t.built).toEqual(['loading']);
    t.runTasks();
    expect(t.built).toEqual(['loading', 'ready']);
    t.store.setState({ loads: new Map([['vipvictor', { status: 'ready', card }]]) });
    t.runTasks();
    expect(t.built).toEqual(['loading', 'ready']);
  });

  it('leaves the work to the open when a card opens first', () => {
    const t = setup();
    t.store.setState({ loads: new Map([['modmaria', { status: 'loading' }]]) });
    t.store.setState({ kept: [{ username: 'modmaria', openedAt: 1 }] });
    t.runTasks();
    t.store.setState({ loads: new Map([['modmaria', { status: 'ready', card }]]) });
    t.runTasks();
    expect(t.built).toEqual([]);
  });

  it('a build renders the card out of the page, takes it down, and asks the background nothing', () => {
    const store = createCardStore();
    const before = document.body.innerHTML;
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    const parents: Element[] = [];
    const render: Render = (vnode, parent) => {
      parents.push(parent);
      reactRender(vnode, parent);
      if (vnode !== null) expect(parent.textContent).toContain('modmaria');
    };
    buildOnce(render, 'modmaria', { status: 'loading' }, store);
    buildOnce(render, 'modmaria', { status: 'ready', card }, store);
    // Built (the name was in it), then taken down, out of the page.
    expect(parents).toHaveLength(4);
    expect(parents.every((p) => !p.isConnected && p.childNodes.length === 0)).toBe(true);
    expect(document.body.innerHTML).toBe(before);
    expect(fetchSpy).not.toHaveBeenCalled();
  });
});
