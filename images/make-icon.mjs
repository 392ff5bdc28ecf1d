// Draws images/icon.png (128×128): three stacked bars, the three tiers, on a Kubernetes-blue
// tile. Run with `node images/make-icon.mjs`; PNG by hand with zlib, so nothing is downloaded.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const SIZE = 128;
const SAMPLES = 4; // per axis, for smooth edges
const BLUE = [0x32, 0x6c, 0xe5];
const WHITE = [0xff, 0xff, 0xff];

function inRoundedRect(x, y, left, top, right, bottom, radius) {
  if (x < left || x > right || y < top || y > bottom) return false;
  const cx = Math.min(Math.max(x, left + radius), right - radius);
  const cy = Math.min(Math.max(y, top + radius), bottom - radius);
  return (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2;
}

// Widest bar at the bottom: tier 3 holds the most platforms, tier 1 the fewest.
const bars = [
  { left: 44, right: 84, top: 30, bottom: 46 },
  { left: 32, right: 96, top: 56, bottom: 72 },
  { left: 20, right: 108, top: 82, bottom: 98 },
];

function pixel(px, py) {
  let tile = 0;
  let bar = 0;
  for (let sy = 0; sy < SAMPLES; sy++) {
    for (let sx = 0; sx < SAMPLES; sx++) {
      const x = px + (sx + 0.5) / SAMPLES;
      const y = py + (sy + 0.5) / SAMPLES;
      if (!inRoundedRect(x, y, 2, 2, SIZE - 2, SIZE - 2, 22)) continue;
      tile++;
      if (bars.some((b) => inRoundedRect(x, y, b.left, b.top, b.right, b.bottom, 5))) bar++;
    }
  }
  const n = SAMPLES * SAMPLES;
  const mix = tile === 0 ? 0 : bar / tile;
  const rgb = BLUE.map((c, i) => Math.round(c + (WHITE[i] - c) * mix));
  return [...rgb, Math.round((255 * tile) / n)];
}

const rows = [];
for (let y = 0; y < SIZE; y++) {
  const row = Buffer.alloc(1 + SIZE * 4); // filter byte 0, then RGBA
  for (let x = 0; x < SIZE; x++) Buffer.from(pixel(x, y)).copy(row, 1 + x * 4);
  rows.push(row);
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0);
header.writeUInt32BE(SIZE, 4);
header[8] = 8; // bit depth
header[9] = 6; // RGBA
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', deflateSync(Buffer.concat(rows), { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
writeFileSync(new URL('./icon.png', import.meta.url), png);
