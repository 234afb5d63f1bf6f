import { describe, expect, it } from 'vitest';
import { SettingsSchema } from './settings';
import { DEFAULT_SETTINGS, parseSettings, type LoadedSettings } from './settings-page';

/** How settings were parsed with zod before the content script lost it: the zod-free parse must decide the same. */
function parseWithZod(raw: unknown): LoadedSettings {
  if (raw === null || raw === undefined) return { settings: DEFAULT_SETTINGS };
  const parsed = SettingsSchema.safeParse(raw);
  if (parsed.success) return { settings: parsed.data };
  const stored = typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  const merged: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  for (const [key, schema] of Object.entries(SettingsSchema.shape)) {
    const field = schema.safeParse(stored[key]);
    if (field.success) merged[key] = field.data;
  }
  return { settings: SettingsSchema.parse(merged), problem: 'Some stored settings were invalid and were reset to their defaults.' };
}

/** A deterministic spread of what storage.sync could hold: valid, nearly valid and wrong values for every field. */
function samples(): unknown[] {
  const numbers = [0, 1, 10, 300, 1440, 1441, 2000, 2001, -1, -0, 1.5, Number.MAX_SAFE_INTEGER + 1, '300', null, true];
  const flagSets = (ids: readonly string[]) => [
    Object.fromEntries(ids.map((id) => [id, true])),
    Object.fromEntries(ids.map((id, i) => [id, i % 2 === 0])),
    Object.fromEntries(ids.slice(1).map((id) => [id, true])),
    { ...Object.fromEntries(ids.map((id) => [id, true])), extra: true },
    { ...Object.fromEntries(ids.map((id) => [id, true])), [ids[0]!]: 'yes' },
    [],
    {},
    'all',
    undefined,
  ];
  const surfaces = flagSets(Object.keys(DEFAULT_SETTINGS.surfaces));
  const fields = flagSets(Object.keys(DEFAULT_SETTINGS.fields));
  const themes = ['auto', 'dark', 'light', 'Dark', '', 1, undefined];
  const follow = [true, false, 'yes', undefined, 0];
  const out: unknown[] = [null, undefined, 'nonsense', 42, [], [1, 2], {}, { unknown: 1 }, DEFAULT_SETTINGS, { ...DEFAULT_SETTINGS, extra: 'kept out' }];
  for (let i = 0; i < 400; i++) {
    const pick = <T>(list: T[], salt: number) => list[(i * salt + (i >> 2)) % list.length]!;
    const value: Record<string, unknown> = {
      hoverDelayMs: pick(numbers, 7),
      surfaces: pick(surfaces, 5),
      fields: pick(fields, 3),
      theme: pick(themes, 11),
      cacheTtlMinutes: pick(numbers, 13),
      followChat: pick(follow, 17),
    };
    if (i % 9 === 0) delete value.theme;
    out.push(value);
  }
  // Valid values only, with the edges of each range.
  for (let i = 0; i < 40; i++)
    out.push({
      hoverDelayMs: [0, 1, 300, 2000][i % 4],
      surfaces: surfaces[i % 2],
      fields: fields[(i >> 1) % 2],
      theme: themes[i % 3],
      cacheTtlMinutes: [1, 10, 1440][i % 3],
      ...(i % 5 === 0 ? { stray: 'dropped' } : {}),
    });
  return JSON.parse(JSON.stringify(out.map((v) => (v === undefined ? null : v)))) as unknown[];
}

describe('parseSettings without zod', () => {
  it('decides exactly as SettingsSchema does, field by field', () => {
    const all = samples();
    let valid = 0;
    for (const raw of all) {
      const expected = parseWithZod(raw);
      if (!expected.problem) valid++;
      expect(parseSettings(raw), JSON.stringify(raw)).toEqual(expected);
    }
    // The spread must hold both kinds, or the comparison proves little.
    expect(valid).toBeGreaterThan(10);
    expect(all.length - valid).toBeGreaterThan(100);
  });
});
