import { describe, expect, it } from 'vitest';
import { otherSiteAccount, toSiteAccount } from './site-account';

const signedIn = { status: 200, value: { id: 1004, username: 'VipVictor', streamer_channel: { id: 501004, user_id: 1004, slug: 'vipvictor' } } };

describe('who is signed in on kick.com', () => {
  it('reads the signed-in user from kick.com’s answer', () => {
    expect(toSiteAccount(signedIn)).toEqual({ state: 'signed_in', userId: 1004, username: 'VipVictor' });
  });

  it('reads an answer without a user id, or a 401, as nobody signed in', () => {
    expect(toSiteAccount({ status: 200, value: {} })).toEqual({ state: 'signed_out' });
    expect(toSiteAccount({ status: 401 })).toEqual({ state: 'signed_out' });
  });

  it('cannot tell on a refused read, a failed read or an answer of another shape', () => {
    expect(toSiteAccount({ status: 403, value: { message: 'blocked' } })).toEqual({ state: 'unknown', reason: 'kick.com answered 403' });
    expect(toSiteAccount({ status: 0, error: 'kick.com could not be read' })).toEqual({ state: 'unknown', reason: 'kick.com could not be read' });
    expect(toSiteAccount({ status: 200, value: { id: 'x', username: 'a' } })).toMatchObject({ state: 'unknown' });
    expect(toSiteAccount({ status: 200, value: [1] })).toMatchObject({ state: 'unknown' });
    expect(toSiteAccount(undefined)).toMatchObject({ state: 'unknown' });
    expect(toSiteAccount({ status: 200, value: 'x'.repeat(300_000) })).toMatchObject({ state: 'unknown' });
  });

  it('names the kick.com account only when it is another one than the connected account', () => {
    const site = toSiteAccount(signedIn);
    expect(otherSiteAccount({ userId: 1005, name: 'subsam' }, site)).toBe('VipVictor');
    expect(otherSiteAccount({ userId: 1004, name: 'vipvictor_old' }, site)).toBeUndefined();
    expect(otherSiteAccount({ name: 'vipvictor' }, site)).toBeUndefined();
    expect(otherSiteAccount({ userId: 1005, name: 'subsam' }, { state: 'signed_out' })).toBeUndefined();
    expect(otherSiteAccount({ userId: 1005, name: 'subsam' }, { state: 'unknown', reason: 'x' })).toBeUndefined();
    expect(otherSiteAccount(undefined, site)).toBeUndefined();
  });
});
