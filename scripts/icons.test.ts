import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ICON_DIR, ICON_SIZES, drawIcon, iconPng } from './icons';

describe('extension icon', () => {
  it.each(ICON_SIZES)('the committed %i px PNG is what scripts/icons.ts draws', (size) => {
    expect(readFileSync(path.join(ICON_DIR, `${size}.png`)).equals(iconPng(size))).toBe(true);
  });

  it('is not Kick’s white-on-green mark: no pixel is Kick green', () => {
    const pixels = drawIcon(128);
    let green = 0;
    for (let i = 0; i < pixels.length; i += 4) if (pixels[i + 3]! > 0 && pixels[i + 1]! > 200 && pixels[i]! < 120 && pixels[i + 2]! < 120) green++;
    expect(green).toBe(0);
  });
});
