import { describe, expect, it } from 'vitest';
import { type KickSim } from '../../test/kick-sim/index';
import { SEED } from '../../test/kick-sim/seed';
import { backgroundOnSim, storeConnectedAccount, withSimulator } from '../../test/support/background';
import { createHandlers } from '../background/handlers';
import type { SenderInfo } from '../messaging/extension';
import { DEFAULT_SETTINGS, settingsItem } from '../settings/settings';
import { tokenStore } from '../auth/token-store';
import { createKickApi } from '../kick/api-client';
import { createModLog } from './mod-log';
import { ACTIONS_PER_MINUTE, createModeration, REFUSAL_TEXT } from './moderation-service';
import { MOD_LOG_MAX, MODERATOR_SCOPES, type ModerateInput } from './schema';

let sim: KickSim;
withSimulator((started) => (sim = started));

const ALL = ['user:read', 'channel:read', ...MODERATOR_SCOPES];
const onChannel = (id = 1, url = 'https://kick.com/streamer1'): SenderInfo => ({ tab: { id, url }, frameId: 0 });
const timeout10: ModerateInput = { channel: 'streamer1', userId: SEED.vip.userId, username: 'vipvictor', action: { kind: 'timeout', minutes: 10 } };
const refreshes = () => sim.requests({ host: 'id', path: '/oauth/token' }).filter((r) => r.form?.grant_type === 'refresh_token');
const memoryItem = () => {
  let value: unknown = [];
  return { getValue: () => Promise.resolve(value), setValue: (next: unknown) => Promise.resolve(void (value = next)) };
};

/** The id of one of `username`'s messages in the main channel's chat, from kick.com's recent messages (as a page reads them). */
async function messageIdOf(username: string): Promise<string> {
  const site = { 'sec-fetch-site': 'same-origin', referer: 'https://kick.com/streamer1' };
  const res = await fetch(`${sim.origins.web}/api/v2/channels/${1001 + 500_000}/messages`, { headers: site });
  const body = (await res.json()) as { data: { messages: { id: string; sender: { username: string } }[] } };
  return body.data.messages.find((m) => m.sender.username === username)!.id;
}
const bans = () => sim.requests({ host: 'api', path: '/public/v1/moderation/bans' });

/** The background on the simulator, moderator actions on, connected as `userId` with `scopes`. */
async function moderator({ userId = SEED.streamer.userId, scopes = ALL, on = true }: { userId?: number; scopes?: string[]; on?: boolean } = {}) {
  const { services } = await backgroundOnSim(sim);
  await settingsItem.setValue({ ...DEFAULT_SETTINGS, moderatorActions: on });
  const issued = await storeConnectedAccount(sim, { userId, scopes });
  return { services, handlers: createHandlers(services), issued };
}

describe('moderator actions in the background', () => {
  it('times out with one POST of the documented fields, says until when, and logs it', async () => {
    const { handlers } = await moderator();
    const before = Date.now();
    const result = await handlers.moderate(timeout10, onChannel());
    expect(result).toMatchObject({ ok: true });
    if (!result.ok) return;
    expect(result.until! - result.at).toBe(10 * 60_000);
    expect(result.at).toBeGreaterThanOrEqual(before);
    expect(bans()).toHaveLength(1);
    expect(bans()[0]).toMatchObject({ method: 'POST', status: 200, auth: 'user', json: { broadcaster_user_id: SEED.streamer.userId, user_id: SEED.vip.userId, duration: 10 } });
    const { entries } = await handlers.listModLog({}, {});
    expect(entries).toEqual([expect.objectContaining({ channel: 'streamer1', username: 'vipvictor', action: { kind: 'timeout', minutes: 10 }, outcome: 'ok' })]);
  });

  it('bans without a duration, with the reason; unbans with DELETE; deletes a message with DELETE /chat/{id}', async () => {
    const { handlers } = await moderator();
    expect(await handlers.moderate({ ...timeout10, action: { kind: 'ban' }, reason: 'Spam' }, onChannel())).toMatchObject({ ok: true });
    expect(bans()[0]!.json).toEqual({ broadcaster_user_id: 1001, user_id: 1003, reason: 'Spam' });
    expect(await handlers.moderate({ ...timeout10, action: { kind: 'unban' }, undo: true }, onChannel())).toMatchObject({ ok: true });
    expect(bans()[1]).toMatchObject({ method: 'DELETE', status: 200, json: { broadcaster_user_id: 1001, user_id: 1003 } });
    // A message of vipvictor's in the simulated chat, as kick.com's recent messages name it.
    const id = await messageIdOf('vipvictor');
    expect(await handlers.moderate({ ...timeout10, action: { kind: 'delete', messageId: id } }, onChannel())).toMatchObject({ ok: true });
    expect(sim.requests({ host: 'api', method: 'DELETE', path: `/public/v1/chat/${id}` })).toMatchObject([{ status: 204 }]);
    // Gone at Kick: a second delete is Kick's refusal (404), not a success.
    expect(await handlers.moderate({ ...timeout10, action: { kind: 'delete', messageId: id } }, onChannel())).toMatchObject({ ok: false, refusal: 'refused' });
    const log = (await handlers.listModLog({}, {})).entries;
    expect(log[2]).toMatchObject({ action: { kind: 'unban' }, undo: true });
    expect(log[3]).toMatchObject({ action: { kind: 'ban' }, reason: 'Spam' });
  });

  it('offers actions only with the setting, an account, a scope, and on the tab of that channel', async () => {
    const { handlers } = await moderator({ on: false });
    expect(await handlers.moderation({ channel: 'streamer1' }, onChannel())).toEqual({ offer: false, why: 'off' });
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, moderatorActions: true });
    expect(await handlers.moderation({ channel: 'streamer1' }, onChannel())).toEqual({ offer: true, selfId: 1001, ban: true, del: true, refusedHere: false });
    expect(await handlers.moderation({ channel: 'streamer1' }, onChannel(1, 'https://kick.com/secondstreamer'))).toEqual({ offer: false, why: 'not_this_channel' });
    expect(await handlers.moderation({ channel: 'streamer1' }, onChannel(1, 'https://evil.example/streamer1'))).toEqual({ offer: false, why: 'not_this_channel' });
    for (const url of ['https://kick.com/popout/streamer1/chat', 'https://kick.com/moderator/streamer1'])
      expect(await handlers.moderation({ channel: 'streamer1' }, onChannel(1, url))).toMatchObject({ offer: true });
    await storeConnectedAccount(sim, { userId: 1001, scopes: ['user:read', 'moderation:chat_message:manage'] });
    expect(await handlers.moderation({ channel: 'streamer1' }, onChannel())).toMatchObject({ offer: true, ban: false, del: true });
    await storeConnectedAccount(sim, { userId: 1001, scopes: ['user:read'] });
    expect(await handlers.moderation({ channel: 'streamer1' }, onChannel())).toEqual({ offer: false, why: 'no_scope' });
    await tokenStore.clearAccount();
    expect(await handlers.moderation({ channel: 'streamer1' }, onChannel())).toEqual({ offer: false, why: 'not_connected' });
  });

  it('sends nothing without the scope, for another channel than the tab shows, or for the broadcaster and yourself', async () => {
    const { handlers } = await moderator({ scopes: ['user:read', 'channel:read'] });
    expect(await handlers.moderate(timeout10, onChannel())).toMatchObject({ ok: false, refusal: 'scope', error: { message: REFUSAL_TEXT.scope } });
    await storeConnectedAccount(sim, { userId: 1001, scopes: ALL });
    expect(await handlers.moderate(timeout10, onChannel(1, 'https://kick.com/secondstreamer'))).toMatchObject({ ok: false, refusal: 'off' });
    expect(await handlers.moderate(timeout10, { tab: { id: 1 } })).toMatchObject({ ok: false, refusal: 'off' });
    expect(await handlers.moderate(timeout10, {})).toMatchObject({ ok: false, refusal: 'off' });
    expect(await handlers.moderate({ ...timeout10, userId: 1001, username: 'streamer1' }, onChannel())).toMatchObject({ ok: false, refusal: 'guard' });
    await storeConnectedAccount(sim, { userId: SEED.moderator.userId, scopes: ALL });
    expect(await handlers.moderate({ ...timeout10, userId: SEED.moderator.userId, username: 'modmaria' }, onChannel())).toMatchObject({ ok: false, refusal: 'guard' });
    expect(await handlers.moderate({ ...timeout10, userId: 1001, username: 'streamer1' }, onChannel())).toMatchObject({ ok: false, refusal: 'guard' });
    expect(bans()).toHaveLength(0);
  });

  it("says Kick refused when the account moderates nothing, and then stops offering in that channel", async () => {
    const { handlers } = await moderator({ userId: SEED.viewer.userId });
    const result = await handlers.moderate(timeout10, onChannel());
    expect(result).toMatchObject({ ok: false, refusal: 'refused', channelRefused: true, error: { message: REFUSAL_TEXT.refused, status: 400 } });
    expect(bans()).toHaveLength(1);
    expect(await handlers.moderation({ channel: 'streamer1' }, onChannel())).toMatchObject({ offer: true, refusedHere: true });
    expect((await handlers.listModLog({}, {})).entries[0]).toMatchObject({ outcome: { refusal: 'refused', status: 400 } });
  });

  it('refuses a second ban of someone already banned, and a moderator as target, as Kick does', async () => {
    const { handlers } = await moderator();
    expect(await handlers.moderate(timeout10, onChannel())).toMatchObject({ ok: true });
    expect(await handlers.moderate({ ...timeout10, action: { kind: 'ban' } }, onChannel())).toMatchObject({ ok: false, refusal: 'refused' });
    const refused = await handlers.moderate({ ...timeout10, userId: SEED.moderator.userId, username: 'modmaria' }, onChannel());
    expect(refused).toMatchObject({ ok: false, refusal: 'refused' });
    // The broadcaster always may moderate their channel: a refusal was about the target, and actions stay offered.
    expect(refused).not.toHaveProperty('channelRefused');
    expect(await handlers.moderation({ channel: 'streamer1' }, onChannel())).toMatchObject({ offer: true, refusedHere: false });
  });

  it('renews the token once on 401 and acts; a token Kick refuses again ends in its word, with one refresh only', async () => {
    const { handlers, issued } = await moderator();
    sim.expireAccessToken(issued.access_token);
    expect(await handlers.moderate(timeout10, onChannel())).toMatchObject({ ok: true });
    expect(bans().map((r) => r.status)).toEqual([401, 200]);
    expect(refreshes()).toHaveLength(1);
    // Revoked at Kick between the refresh and the call: both answers are 401, and no third request follows.
    sim.clearLog();
    sim.fault({ host: 'api', path: '/public/v1/moderation/bans', status: 401, body: JSON.stringify({ data: {}, message: 'Unauthorized' }) });
    const refused = await handlers.moderate({ ...timeout10, action: { kind: 'unban' } }, onChannel());
    expect(refused).toMatchObject({ ok: false, refusal: 'token', error: { message: REFUSAL_TEXT.token } });
    expect(bans().map((r) => r.status)).toEqual([401, 401]);
    expect(refreshes()).toHaveLength(1);
  });

  it("answers Kick's 429 with its wait, and asks nothing more until then (the host circuit)", async () => {
    const { handlers } = await moderator();
    sim.fault({ host: 'api', path: '/public/v1/moderation/bans', status: 429, retryAfter: '42', times: 1 });
    expect(await handlers.moderate(timeout10, onChannel())).toMatchObject({ ok: false, refusal: 'kick', error: { code: 'rate_limited', retryAfterSec: 42 } });
    expect(await handlers.moderate({ ...timeout10, action: { kind: 'ban' } }, onChannel())).toMatchObject({ ok: false, refusal: 'kick', error: { code: 'rate_limited' } });
    expect(bans()).toHaveLength(1);
  });

  it('a network failure does nothing at Kick and says so, in the card and the log', async () => {
    const { services } = await moderator();
    // Kick's API out of reach (nothing listens there); the channel's owner already known.
    const unreachable = createKickApi({ idBase: sim.endpoints.idBase, apiBase: 'http://127.0.0.1:9/public/v1' });
    const log = createModLog(memoryItem());
    const moderation = createModeration({ api: unreachable, tokens: services.tokens, store: tokenStore, channelOwner: () => Promise.resolve(1001), enabled: () => Promise.resolve(true), log });
    const result = await moderation.act(timeout10, onChannel());
    expect(result).toMatchObject({ ok: false, refusal: 'kick', error: { code: 'network' } });
    expect(sim.bans.size).toBe(0);
    expect(await log.list()).toMatchObject([{ outcome: { refusal: 'kick', message: 'Could not reach Kick. Check your connection.' } }]);
  });

  it('sends one request for the same action asked twice at once, and at most 20 a minute per tab', async () => {
    const { handlers } = await moderator();
    const [a, b] = await Promise.all([handlers.moderate(timeout10, onChannel()), handlers.moderate(timeout10, onChannel())]);
    expect(a).toEqual(b);
    expect(bans()).toHaveLength(1);
    const results = [];
    for (let i = 1; i < ACTIONS_PER_MINUTE + 1; i++) results.push(await handlers.moderate({ ...timeout10, action: { kind: 'timeout', minutes: i } }, onChannel()));
    expect(results.at(-1)).toMatchObject({ ok: false, refusal: 'busy', error: { code: 'rate_limited' } });
    expect(bans()).toHaveLength(ACTIONS_PER_MINUTE);
    // Another tab has its own budget.
    expect(await handlers.moderate({ ...timeout10, action: { kind: 'unban' } }, onChannel(2))).toMatchObject({ ok: true });
  });

  it('keeps the newest 200 log entries, and Clear empties it', async () => {
    const { handlers, services } = await moderator();
    for (let i = 0; i < MOD_LOG_MAX + 5; i++)
      await services.modLog.add({ at: i, channel: 'streamer1', username: 'vipvictor', userId: 1003, action: { kind: 'ban' }, outcome: 'ok' });
    const { entries } = await handlers.listModLog({}, {});
    expect(entries).toHaveLength(MOD_LOG_MAX);
    expect(entries[0]!.at).toBe(MOD_LOG_MAX + 4);
    await handlers.clearModLog({}, {});
    expect((await handlers.listModLog({}, {})).entries).toEqual([]);
  });
});
