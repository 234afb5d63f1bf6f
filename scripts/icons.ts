/**
 * Draws the extension's icon (a user card: avatar and text lines on an indigo tile) into
 * public/icon/*.png. An original drawing, so no store reads it as Kick's own logo; the PNGs are
 * committed and `npm run icons` redraws them byte for byte (checked by scripts/icons.test.ts).
 */
import { writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { deflateSync } from 'node:zlib';

type Rgb = readonly [number, number, number];
/** A shape in the unit square: its colour and whether a point lies inside it. */
interface Shape {
  color: Rgb;
  inside(x: number, y: number): boolean;
}

const roundRect = (x0: number, y0: number, x1: number, y1: number, r: number, color: Rgb): Shape => ({
  color,
  inside(x, y) {
    if (x < x0 || x > x1 || y < y0 || y > y1) return false;
    const dx = Math.max(x0 + r - x, 0, x - (x1 - r));
    const dy = Math.max(y0 + r - y, 0, y - (y1 - r));
    return dx * dx + dy * dy <= r * r;
  },
});
const circle = (cx: number, cy: number, r: number, color: Rgb): Shape => ({
  color,
  inside: (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r,
});

const INDIGO: Rgb = [57, 73, 171];
const SHAPES: Shape[] = [
  roundRect(0, 0, 1, 1, 0.22, INDIGO),
  roundRect(0.12, 0.22, 0.88, 0.78, 0.08, [255, 255, 255]),
  circle(0.31, 0.43, 0.11, INDIGO),
  roundRect(0.48, 0.35, 0.78, 0.43, 0.04, [255, 179, 0]),
  roundRect(0.48, 0.48, 0.7, 0.54, 0.03, [144, 164, 174]),
  roundRect(0.2, 0.61, 0.8, 0.67, 0.03, [176, 190, 197]),
];

const SAMPLES = 4;

/** RGBA pixels, each averaged over SAMPLES² points so edges are smooth at 16 px too. */
export function drawIcon(size: number): Buffer {
  const pixels = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const x = (px + (sx + 0.5) / SAMPLES) / size;
          const y = (py + (sy + 0.5) / SAMPLES) / size;
          let top: Shape | undefined;
          for (const shape of SHAPES) if (shape.inside(x, y)) top = shape;
          if (!top) continue;
          r += top.color[0]; g += top.color[1]; b += top.color[2]; a += 1;
        }
      }
      const o = (py * size + px) * 4;
      // Colour averaged over the covered samples only (straight alpha), coverage as alpha.
      if (a > 0) pixels.set([Math.round(r / a), Math.round(g / a), Math.round(b / a), Math.round((a / SAMPLES ** 2) * 255)], o);
    }
  }
  return pixels;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const out = Buffer.alloc(data.length + 12);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), data.length + 8);
  return out;
}

export function encodePng(size: number, rgba: Buffer): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) rgba.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

export const ICON_SIZES = [16, 32, 48, 96, 128] as const;
export const ICON_DIR = path.resolve(import.meta.dirname, '../public/icon');

export const iconPng = (size: number) => encodePng(size, drawIcon(size));

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  mkdirSync(ICON_DIR, { recursive: true });
  for (const size of ICON_SIZES) writeFileSync(path.join(ICON_DIR, `${size}.png`), iconPng(size));
  console.info(`Drew ${ICON_SIZES.join(', ')} px icons in ${ICON_DIR}`);
}
