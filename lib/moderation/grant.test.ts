import { describe, expect, it } from 'vitest';
import { moderationGrant } from './grant';

describe('what Kick granted for moderator actions', () => {
  it('says nothing while the switch is off, whatever was granted', () => {
    expect(moderationGrant(false, [])).toEqual({ state: 'off' });
    expect(moderationGrant(false, ['moderation:ban', 'moderation:chat_message:manage'])).toEqual({ state: 'off' });
  });

  it('names each scope Kick left out (its consent screen lets a user untick one)', () => {
    expect(moderationGrant(true, ['user:read'])).toEqual({ state: 'missing', missing: ['moderation:ban', 'moderation:chat_message:manage'] });
    expect(moderationGrant(true, ['user:read', 'moderation:chat_message:manage'])).toEqual({ state: 'missing', missing: ['moderation:ban'] });
    expect(moderationGrant(true, ['moderation:chat_message:manage', 'user:read', 'moderation:ban'])).toEqual({ state: 'granted' });
  });
});
