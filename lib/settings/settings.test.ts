import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DEFAULT_SETTINGS, loadSettings, parseSettings, settingsItem } from './settings';
import { AppConfigSchema } from './app-config';

beforeEach(() => fakeBrowser.reset());

describe('settings', () => {
  it('defaults when nothing is stored', async () => {
    expect(await loadSettings()).toEqual({ settings: DEFAULT_SETTINGS });
  });

  it('keeps the valid parts of a damaged value and says so', () => {
    const loaded = parseSettings({ ...DEFAULT_SETTINGS, hoverDelayMs: 'fast', theme: 'light' });
    expect(loaded.settings.theme).toBe('light');
    expect(loaded.settings.hoverDelayMs).toBe(300);
    expect(loaded.problem).toMatch(/reset to their defaults/);
  });

  it('falls back entirely on garbage', () => {
    expect(parseSettings('nonsense')).toEqual({ settings: DEFAULT_SETTINGS, problem: expect.any(String) as string });
    expect(parseSettings({ surfaces: { chat: 'yes' } }).settings.surfaces).toEqual(DEFAULT_SETTINGS.surfaces);
  });

  it('round-trips through storage', async () => {
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, hoverDelayMs: 0, fields: { ...DEFAULT_SETTINGS.fields, bio: false } });
    const { settings, problem } = await loadSettings();
    expect(problem).toBeUndefined();
    expect(settings.hoverDelayMs).toBe(0);
    expect(settings.fields.bio).toBe(false);
  });

  it('bounds the hover delay and cache lifetime', () => {
    expect(parseSettings({ ...DEFAULT_SETTINGS, hoverDelayMs: 99999 }).problem).toBeDefined();
    expect(parseSettings({ ...DEFAULT_SETTINGS, cacheTtlMinutes: 0 }).problem).toBeDefined();
  });
});

describe('Kick app validation', () => {
  it('trims and accepts Kick-shaped credentials, asking only for user:read by default', () => {
    expect(AppConfigSchema.parse({ clientId: ' 01ABC ', clientSecret: 'abc.def-123' })).toEqual({
      clientId: '01ABC', clientSecret: 'abc.def-123', scopes: ['user:read'],
    });
  });
  it('drops scopes the cards never use from an older saved app, and always keeps user:read', () => {
    expect(AppConfigSchema.parse({ clientId: 'a', clientSecret: 'b', scopes: ['channel:read', 'chat:write', 'moderation:ban'] }).scopes).toEqual([
      'user:read', 'channel:read',
    ]);
  });
  it('explains what is wrong, field by field', () => {
    const result = AppConfigSchema.safeParse({ clientId: '', clientSecret: 'has spaces in it' });
    expect(result.success).toBe(false);
    const messages = result.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(messages).toContain('clientId: Client ID is required.');
    expect(messages.some((m) => m.startsWith('clientSecret: Client secret has characters'))).toBe(true);
  });
});
