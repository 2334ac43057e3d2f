import { createHash } from 'node:crypto';

/** The SHA-256 of some bytes or text, in hex. */
export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}
