// @vitest-environment happy-dom
// @vitest-environment-options {"settings": {"enableJavaScriptEvaluation": true}}
import { describe, expect, it } from 'vitest';
import { CHAT_CYCLE, firstOf, planRow } from './chat-plan';
import { seedUsers, MAIN_CHANNEL } from './seed';
import type { SimData } from './http-types';
import { channelPage, type PageShell } from './pages';
import { isRewrittenSlot, VARIANTS, type Variant } from './variants';
import { mountSimPage } from '../support/sim-page-dom';

interface SimHandle {
  appendRows(n: number): number;
  clearChat(): void;
  rowCount(): number;
}

const data = { users: new Map(seedUsers().map((u) => [u.slug, u])) } as unknown as SimData;
const channel = seedUsers().find((u) => u.slug === MAIN_CHANNEL)!;

/** Loads a simulated page and runs its chat script, as a browser would. */
function load(variant: Variant, shell: PageShell = 'channel'): SimHandle {
  const html = channelPage(data, channel, { variant, shell });
  return mountSimPage<SimHandle>(html);
}
const all = (selector: string) => [...document.querySelectorAll(selector)];
const row = (position: number) => document.querySelector(`#chatroom-messages [data-index="${position}"]`)!;

describe('simulated kick.com: the page frame', () => {
  it.each(['channel', 'popout', 'moderator'] as const)('%s: #chatroom-messages sits below #channel-chatroom, never as its direct child', (shell) => {
    load('current', shell);
    const list = document.getElementById('chatroom-messages')!;
    const panel = list.closest('#channel-chatroom')!;
    expect(panel).not.toBeNull();
    expect(list.parentElement).not.toBe(panel);
    expect(all('#channel-chatroom > #chatroom-messages')).toHaveLength(0);
    expect(all('#chatroom-messages > div > div[data-index]')).toHaveLength(30);
  });

  it('has a hidden, empty duplicate of #channel-chatroom before the real one', () => {
    load('current');
    const panels = all('#channel-chatroom');
    expect(panels).toHaveLength(2);
    expect(panels[0]!.closest('[style*="display:none"]')).not.toBeNull();
    expect(panels[0]!.children).toHaveLength(0);
  });

  it('pins a message with its author as a sent-by button, placed in the first child of the list’s grandparent', () => {
    load('current');
    expect(document.querySelector('[data-testid="pinned-message-modal"] [data-testid="sent-by"] button')?.textContent).toBe(MAIN_CHANNEL);
    const grandparent = document.getElementById('chatroom-messages')!.parentElement!.parentElement!;
    expect(grandparent.firstElementChild!.querySelector('[data-testid="pinned-message-modal"]')).not.toBeNull();
  });

  it('keeps the chat virtualised: at most 200 rows mounted, data-index values recycled', () => {
    const sim = load('current');
    sim.appendRows(400);
    expect(sim.rowCount()).toBe(200);
    const indexes = all('#chatroom-messages [data-index]').map((r) => Number(r.getAttribute('data-index')));
    expect(Math.max(...indexes)).toBeLessThan(300);
    expect(indexes[0]).toBe(230); // rows 230..429: the index wrapped at 300
    sim.clearChat();
    expect(sim.rowCount()).toBe(0);
  });
});

describe('simulated kick.com: details seen after 2026-08 (variant after-2026-08)', () => {
  it('puts the hidden copy after the live panel and mirrors the live rows into a 0×0 mobile list after it', () => {
    const sim = load('after-2026-08');
    const [live, hidden, mobile] = all('#chatroom-messages');
    expect(live!.closest('aside')).not.toBeNull();
    expect(hidden!.closest('div[hidden]')).not.toBeNull();
    expect(hidden!.children).toHaveLength(0);
    expect(mobile!.parentElement!.getAttribute('style')).toBe('width:0;height:0;overflow:hidden');
    sim.appendRows(5);
    expect(mobile!.firstElementChild!.innerHTML).toBe(live!.firstElementChild!.innerHTML);
    expect(sim.rowCount()).toBe(35);
  });

  it('shows a Level badge and uKick’s ✕ in each name block, and a gift’s text with an @mention', () => {
    load('after-2026-08');
    const live = document.querySelector('aside #chatroom-messages')!;
    for (const block of live.querySelectorAll('div.inline-flex:has(> button[data-prevent-expand])')) {
      expect(block.querySelector('[data-testid="identity-badge-level"] img')?.getAttribute('alt')).toMatch(/^Level \d+$/);
      expect(block.querySelector(':scope > button.ukick-x-btn[title]')?.textContent).toBe('✕');
    }
    const kicks = firstOf('kicks');
    expect(live.querySelector(`[data-index="${kicks}"] span.whitespace-pre-line`)?.textContent).toBe(`thanks @${planRow(kicks).other} for the hype`);
  });
});

describe('simulated kick.com: the current layout (captured 2026-08)', () => {
  it('writes names as button text with data-prevent-expand and no title', () => {
    load('current');
    const names = all('#chatroom-messages [data-index] button[data-prevent-expand]');
    expect(names.length).toBeGreaterThan(20);
    for (const name of names) {
      expect(name.hasAttribute('title')).toBe(false);
      expect(name.getAttribute('class')).toBe('inline font-bold');
      expect(name.parentElement!.matches('div.inline-flex')).toBe(true);
    }
    expect(all('#chatroom-messages [title]').map((e) => e.getAttribute('title'))).toEqual(['100']);
  });

  it('writes mentions as plain text in span.font-normal, with moderator actions at the front of each message', () => {
    load('current');
    const mention = row(firstOf('mention'));
    expect(mention.querySelector('span.font-normal')!.innerHTML).toBe(`hey @${planRow(firstOf('mention')).other} what do you think?`);
    const labels = [...mention.querySelectorAll('div[style*="--chatroom-mod-actions-display"] button')].map((b) => b.getAttribute('aria-label'));
    expect(labels).toEqual(['Delete', 'Timeout', 'Ban', 'Pin', 'Reply']);
  });

  it('shows reply headers with the ArrowCurveLeft icon as the first .w-full child', () => {
    load('current');
    const header = row(firstOf('reply')).querySelector('.group > div > .w-full:first-child')!;
    expect(header.querySelector('svg[data-ds-icon="ArrowCurveLeft"]')).not.toBeNull();
    expect(header.textContent).toMatch(new RegExp(`^Replying to @${planRow(firstOf('reply')).other}:`));
  });

  it('shows sub, gift and Kicks notices in their captured shapes', () => {
    load('current');
    expect(row(firstOf('sub')).querySelector('[class*="border-l-4"] button.flex.w-fit.font-bold.text-white')?.textContent).toBe(planRow(firstOf('sub')).who);
    expect(row(firstOf('gift')).querySelectorAll('[class*="border-l-4"]')).toHaveLength(3);
    expect(row(firstOf('gift')).querySelector('button.inline.self-baseline.leading-6.font-bold')?.textContent).toBe(planRow(firstOf('gift')).who);
    const kicks = row(firstOf('kicks'));
    expect(kicks.querySelector('span > div.inline-flex > button.inline.font-bold[data-prevent-expand]')?.textContent).toBe(planRow(firstOf('kicks')).who);
    expect(kicks.querySelector('[title="100"]')?.textContent).toBe('100');
  });

  it('opens Kick’s own card on a click on a name, with the name link Kick puts there', () => {
    load('current');
    (row(0).querySelector('button[data-prevent-expand]') as HTMLElement).click();
    const link = document.querySelector('#user-identity a[rel="noreferrer"]')!;
    expect(link.getAttribute('title')).toBe(planRow(0).who);
    expect(link.getAttribute('href')).toBe(`https://kick.com/${planRow(0).who}`);
  });
});

describe('simulated kick.com: the other variants', () => {
  it('title era: div.inline-flex > button[title], visible text the same name', () => {
    load('title');
    const names = all('#chatroom-messages [data-index] div.inline-flex > button[title]');
    expect(names.length).toBeGreaterThan(20);
    for (const name of names) expect(name.textContent).toBe(name.getAttribute('title'));
  });

  it('rewritten: Enhancer changed the visible text of some title-era names, never their title', () => {
    load('rewritten');
    const position = [...Array(CHAT_CYCLE).keys()].find((p) => isRewrittenSlot(p) && planRow(p).kind === 'chat')!;
    const name = row(position).querySelector('button[title]')!;
    expect(name.getAttribute('title')).toBe(planRow(position).who);
    expect(name.textContent).not.toBe(planRow(position).who);
  });

  it('NipahTV: rebuilt rows with ntv-username, Kick’s original kept, notices left as Kick’s', () => {
    load('nipahtv');
    const ntv = row(0);
    expect(ntv.classList.contains('ntv__chat-message')).toBe(true);
    expect(ntv.querySelector('.ntv__chat-message__username')?.getAttribute('ntv-username')).toBe(planRow(0).who);
    expect(ntv.querySelector('.group button[data-prevent-expand]')).not.toBeNull();
    expect(row(firstOf('reply')).querySelector('.ntv__chat-message__attachment svg[data-ds-icon="ArrowCurveLeft"]')).not.toBeNull();
    expect(row(firstOf('sub')).querySelector('.ntv__chat-message__inner')).toBeNull();
  });

  it('7TV: Kick’s text hidden, the text after it in .seventv-text-token, badges before the name', () => {
    load('seventv');
    const mention = row(firstOf('mention'));
    expect((mention.querySelector('span.font-normal') as HTMLElement).style.display).toBe('none');
    expect(mention.querySelector('span.font-normal + seventv-container.seventv-text-token')?.textContent).toContain(`@${planRow(firstOf('mention')).other}`);
    const badged = row([...Array(CHAT_CYCLE).keys()].find((p) => planRow(p).moderatorBadge && planRow(p).kind === 'chat')!);
    expect(badged.querySelector('seventv-container + button[data-prevent-expand]')).not.toBeNull();
  });

  it('unknown: rows of a shape no registry knows (for the layout report)', () => {
    load('unknown');
    expect(all('#chatroom-messages [data-index]')).toHaveLength(30);
    expect(all('#chatroom-messages button')).toHaveLength(0);
  });

  it('serves every variant', () => {
    for (const variant of VARIANTS) expect(load(variant).rowCount()).toBe(30);
  });
});
