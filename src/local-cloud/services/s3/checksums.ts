import { createHash } from 'node:crypto';
import { AwsApiError } from '../../errors.js';

/**
 * S3's additional checksums (`x-amz-checksum-<algorithm>`, in a header or an aws-chunked trailer), base64 of the
 * big-endian digest. CRC32, CRC32C, SHA1 and SHA256 are verified; CRC64NVME is accepted unverified (see docs).
 */
function crcTable(polynomial: number): Uint32Array {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? polynomial ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
}

const CRC32 = crcTable(0xedb88320);
const CRC32C = crcTable(0x82f63b78);

function crc(table: Uint32Array, data: Buffer): string {
  let c = 0xffffffff;
  for (const byte of data) c = (table[(c ^ byte) & 0xff] ?? 0) ^ (c >>> 8);
  const out = Buffer.alloc(4);
  out.writeUInt32BE((c ^ 0xffffffff) >>> 0);
  return out.toString('base64');
}

const DIGESTS: Readonly<Record<string, { name: string; of: (data: Buffer) => string }>> = {
  'x-amz-checksum-crc32': { name: 'CRC32', of: (d) => crc(CRC32, d) },
  'x-amz-checksum-crc32c': { name: 'CRC32C', of: (d) => crc(CRC32C, d) },
  'x-amz-checksum-sha1': { name: 'SHA1', of: (d) => createHash('sha1').update(d).digest('base64') },
  'x-amz-checksum-sha256': { name: 'SHA256', of: (d) => createHash('sha256').update(d).digest('base64') },
};

/** Throws BadDigest when a checksum sent with the payload does not match it; returns the checksums to echo. */
export function verifyChecksums(data: Buffer, sent: Readonly<Record<string, string>>): Record<string, string> {
  const echo: Record<string, string> = {};
  for (const [name, value] of Object.entries(sent)) {
    if (!name.startsWith('x-amz-checksum-') || name === 'x-amz-checksum-type' || name === 'x-amz-checksum-mode')
      continue;
    const digest = DIGESTS[name];
    if (digest !== undefined && digest.of(data) !== value)
      throw new AwsApiError(
        'BadDigest',
        `The ${digest.name} you specified did not match the calculated checksum.`,
        400,
      );
    echo[name] = value;
  }
  return echo;
}
