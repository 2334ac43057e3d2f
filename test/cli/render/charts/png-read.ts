import { inflateSync } from 'node:zlib';

// Reads a PNG back for the tests, independently of the encoder: chunks with a bit-by-bit CRC-32.

export interface PngChunk {
  type: string;
  data: Buffer;
  crc: number;
}

/** CRC-32 computed bit by bit (no table), so it does not share the encoder's code. */
export function slowCrc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return (crc ^ 0xffffffff) >>> 0;
}

export function readChunks(png: Buffer): PngChunk[] {
  const chunks: PngChunk[] = [];
  let at = 8;
  while (at < png.length) {
    const length = png.readUInt32BE(at);
    const type = png.toString('ascii', at + 4, at + 8);
    chunks.push({ type, data: png.subarray(at + 8, at + 8 + length), crc: png.readUInt32BE(at + 8 + length) });
    at += 12 + length;
  }
  return chunks;
}

/** The colour of pixel (x, y) as `#rrggbb`, from the inflated scanlines (filter type 0 only). */
export function pixelAt(png: Buffer, x: number, y: number): string {
  const chunks = readChunks(png);
  const width = chunks[0]?.data.readUInt32BE(0) ?? 0;
  const raw = inflateSync(Buffer.concat(chunks.filter((c) => c.type === 'IDAT').map((c) => c.data)));
  const row = y * (1 + 4 * width);
  if (raw[row] !== 0) throw new Error(`scanline ${y} uses filter ${raw[row]}; this reader handles 0 only`);
  const i = row + 1 + 4 * x;
  return `#${[...raw.subarray(i, i + 3)].map((v) => v.toString(16).padStart(2, '0')).join('')}`;
}
