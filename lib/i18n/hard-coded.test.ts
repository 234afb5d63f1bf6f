import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findHardCoded } from './hard-coded';

/** Every .tsx the extension ships (tests aside). */
function shippedTsx(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.tsx') && !e.name.endsWith('.test.tsx'))
    .map((e) => path.join(e.parentPath, e.name));
}

describe('no user-visible string is hard-coded', () => {
  it('finds none in components/ and entrypoints/', () => {
    const found = [...shippedTsx('components'), ...shippedTsx('entrypoints')].flatMap((file) =>
      findHardCoded(file, readFileSync(file, 'utf8')).map((h) => `${file}:${h.line}: ${h.text}`),
    );
    expect(found).toEqual([]);
  });

  it('catches a planted English text node and attribute, and passes messages, names and symbols', () => {
    const planted = `
      export const A = () => (
        <div aria-label="Close the card" title={'Open channel'}>
          Their messages here
          <span>{t('card.live')}</span> · Kick 🗑 …
          <input placeholder="Reason" aria-label={t('mod.reason')} />
          <img alt="" />
        </div>
      );`;
    expect(findHardCoded('planted.tsx', planted).map((h) => h.text)).toEqual(['Close the card', 'Open channel', 'Their messages here', 'Reason']);
  });
});
