import * as zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { chartLayout } from '../../../../src/cli/render/charts/layout.js';
import { seriesHex } from '../../../../src/cli/render/charts/palette.js';
import { crc32 } from '../../../../src/cli/render/charts/png-encode.js';
import { renderPng } from '../../../../src/cli/render/charts/png.js';
import { environments } from './sample-data.js';
import { pixelAt, readChunks, slowCrc32 } from './png-read.js';

const data = environments(30);
const png = renderPng(data);

describe('renderPng', () => {
  it('starts with the PNG signature and an IHDR for 1000×520 8-bit RGBA', () => {
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const [ihdr] = readChunks(png);
    expect(ihdr?.type).toBe('IHDR');
    expect(ihdr?.data.readUInt32BE(0)).toBe(1000);
    expect(ihdr?.data.readUInt32BE(4)).toBe(520);
    expect([...(ihdr?.data.subarray(8) ?? [])]).toEqual([8, 6, 0, 0, 0]);
  });

  it('carries a correct CRC on every chunk and ends with IEND', () => {
    const chunks = readChunks(png);
    expect(chunks.map((c) => c.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
    for (const c of chunks) {
      expect(c.crc, c.type).toBe(slowCrc32(Buffer.concat([Buffer.from(c.type, 'ascii'), c.data])));
    }
  });

  it('computes CRC-32 as ISO 3309 defines it', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
    const nodeCrc = (zlib as { crc32?: (b: Uint8Array) => number }).crc32;
    if (nodeCrc) expect(crc32(png)).toBe(nodeCrc(png));
  });

  it('inflates to one filter byte plus 4 bytes a pixel per row', () => {
    const idat = readChunks(png).find((c) => c.type === 'IDAT');
    expect(zlib.inflateSync(idat!.data).length).toBe(520 * (1 + 4 * 1000));
  });

  it('paints each bar in its series colour and leaves the background white', () => {
    const bars = chartLayout(data).rects.filter((r) => r.bar?.category === 4);
    expect(bars).toHaveLength(3);
    for (const bar of bars) {
      const x = Math.round(bar.x + bar.w / 2);
      const y = Math.round(bar.y + bar.h / 2);
      expect(pixelAt(png, x, y)).toBe(seriesHex(bar.bar!.series));
    }
    expect(pixelAt(png, 999, 519)).toBe('#ffffff');
  });

  it('draws the labels as dark text', () => {
    // the title's first letter, a "C" of the bitmap font, starts with ink at its second column
    expect(pixelAt(png, 12 + 2, 12 + 1 + 1)).toBe('#222222');
  });
});
