// @vitest-environment happy-dom
import { flushSync } from 'react-dom';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mergeCard } from '@/lib/cards/merge';
import type { LoadState } from '@/lib/page/card-data';
import { createCardStore } from '@/lib/page/card-store';
import { warmUpFirstCard, type Render } from './warm-up';

const card = mergeCard('modmaria', { state: 'not_found' }, { state: 'ok', profile: { userId: 1003, username: 'modmaria', bio: 'Mods the late shift' } });

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

/** A warm-up whose tasks run when the test says; what each build rendered, and what the page holds meanwhile. */
function setup() {
  const store = createCardStore();
  const host = document.createElement('div');
  document.body.append(host);
  const shadow = host.attachShadow({ mode: 'open' });
  const tasks: (() => void)[] = [];
  const built: string[] = [];
  const render: Render = (vnode, parent) => {
    reactRender(vnode, parent);
    if (vnode !== null) built.push(`${(vnode as { props: { state: LoadState } }).props.state.status}: ${parent.textContent}`);
  };
  const stop = warmUpFirstCard(store, render, shadow, (run) => void tasks.push(run));
  const runTasks = () => tasks.splice(0).forEach((run) => run());
  const box = () => shadow.querySelector('.kuc-card');
  return { store, shadow, tasks, built, stop, runTasks, box };
}

afterEach(() => {
  vi.useRealTimers();
  document.body.replaceChildren();
});

describe('warmUpFirstCard', () => {
  it('builds the reached card unseen as it loads and again with its data, each in a task of its own, and takes it down at the open', () => {
    const t = setup();
    expect(t.tasks).toHaveLength(0);
    t.store.setState({ loads: new Map([['modmaria', { status: 'loading' }]]) });
    expect(t.built).toEqual([]);
    t.runTasks();
    expect(t.built).toHaveLength(1);
    expect(t.built[0]).toMatch(/^loading: .*modmaria/);
    // In the page, so the frame after lays it out; a card's box never placed, so never seen (card.css).
    expect(t.box()?.isConnected).toBe(true);
    expect(t.box()?.hasAttribute('data-placed')).toBe(false);
    t.store.setState({ loads: new Map([['modmaria', { status: 'ready', card }]]) });
    expect(t.built).toHaveLength(1);
    t.runTasks();
    expect(t.built).toHaveLength(2);
    // With its data, first without the optional sections (the bio is one)…
    expect(t.built[1]).toMatch(/^ready: .*modmaria/);
    expect(t.built[1]).not.toContain('Mods the late shift');
    // Still there for the frame that lays it out.
    expect(t.box()?.isConnected).toBe(true);
    t.runTasks();
    // …then, in a task of its own, with them.
    expect(t.built).toHaveLength(3);
    expect(t.built[2]).toMatch(/^ready: .*Mods the late shift/);
    t.runTasks();
    expect(t.built).toHaveLength(3);
    t.store.setState({ kept: [{ username: 'modmaria', openedAt: 1 }] });
    expect(t.box()).toBeNull();
    t.store.setState({ loads: new Map([['vipvictor', { status: 'ready', card }]]) });
    t.runTasks();
    expect(t.built).toHaveLength(3);
  });

  it('leaves the work to the open when a card opens first, and asks the background nothing', () => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    const t = setup();
    t.store.setState({ loads: new Map([['modmaria', { status: 'loading' }]]) });
    t.store.setState({ kept: [{ username: 'modmaria', openedAt: 1 }] });
    t.runTasks();
    t.store.setState({ loads: new Map([['modmaria', { status: 'ready', card }]]) });
    t.runTasks();
    expect(t.built).toEqual([]);
    expect(t.box()).toBeNull();
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it('takes the unseen card down a second after its last build when no card opens', () => {
    vi.useFakeTimers();
    const t = setup();
    t.store.setState({ loads: new Map([['modmaria', { status: 'loading' }]]) });
    t.runTasks();
    expect(t.box()).not.toBeNull();
    vi.advanceTimersByTime(1000);
    expect(t.box()).toBeNull();
    expect(t.shadow.childNodes).toHaveLength(0);
  });
});
