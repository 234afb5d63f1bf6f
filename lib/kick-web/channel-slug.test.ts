import { describe, expect, it } from 'vitest';
import { channelSlugFromPath } from './web-reads';

describe('channelSlugFromPath', () => {
  it('reads the channel of channel pages, the popout chat and the moderator view', () => {
    expect(channelSlugFromPath('/Streamer1')).toBe('streamer1');
    expect(channelSlugFromPath('/streamer1/videos')).toBe('streamer1');
    expect(channelSlugFromPath('/popout/og-olga/chat')).toBe('og-olga');
    expect(channelSlugFromPath('/moderator/cool_cat')).toBe('cool_cat');
  });
  it('is undefined on site routes and malformed paths', () => {
    for (const path of ['/', '/following', '/categories/games', '/popout', '/popout/x/videos', '/moderator', '/kicks', '/en', '/discover', '/a%20b'])
      expect(channelSlugFromPath(path)).toBeUndefined();
  });
});
