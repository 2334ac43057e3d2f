/**
 * IpAddress / NotIpAddress: IPv4 and IPv6 addresses and CIDR ranges (RFC 4632 / RFC 4291).
 * A policy value without a prefix length names a single address.
 */
import type { OperatorFamily } from './value-matcher.js';

interface Cidr {
  v6: boolean;
  network: bigint;
  mask: bigint;
}

function parseV4(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0n;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p)) return undefined;
    const n = Number(p);
    if (n > 255) return undefined;
    value = (value << 8n) | BigInt(n);
  }
  return value;
}

function parseV6(text: string): bigint | undefined {
  let head = text;
  let tailV4: bigint | undefined;
  const lastColon = text.lastIndexOf(':');
  if (text.includes('.')) {
    tailV4 = parseV4(text.slice(lastColon + 1));
    if (tailV4 === undefined) return undefined;
    head = `${text.slice(0, lastColon + 1)}0:0`;
  }
  const halves = head.split('::');
  if (halves.length > 2) return undefined;
  const left = halves[0] === '' ? [] : halves[0]!.split(':');
  const right = halves.length === 2 ? (halves[1] === '' ? [] : halves[1]!.split(':')) : [];
  const missing = 8 - left.length - right.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  const groups = [...left, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...right];
  let value = 0n;
  for (const g of groups) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
    value = (value << 16n) | BigInt(parseInt(g, 16));
  }
  if (tailV4 !== undefined) value = (value & ~0xffffffffn) | tailV4;
  return value;
}

export function parseIp(text: string): { v6: boolean; value: bigint } | undefined {
  const t = text.trim();
  if (t.includes(':')) {
    const value = parseV6(t);
    return value === undefined ? undefined : { v6: true, value };
  }
  const value = parseV4(t);
  return value === undefined ? undefined : { v6: false, value };
}

export function parseCidr(text: string): Cidr | undefined {
  const [addr = '', prefixText, extra] = text.trim().split('/');
  if (extra !== undefined) return undefined;
  const ip = parseIp(addr);
  if (ip === undefined) return undefined;
  const bits = ip.v6 ? 128 : 32;
  let prefix = bits;
  if (prefixText !== undefined) {
    if (!/^\d{1,3}$/.test(prefixText)) return undefined;
    prefix = Number(prefixText);
    if (prefix > bits) return undefined;
  }
  const all = (1n << BigInt(bits)) - 1n;
  const mask = prefix === 0 ? 0n : (all << BigInt(bits - prefix)) & all;
  return { v6: ip.v6, network: ip.value & mask, mask };
}

export const ipAddress: OperatorFamily = {
  check: (v) => (parseCidr(v) === undefined ? `"${v}" is not an IPv4 or IPv6 address or CIDR range` : undefined),
  compile(values) {
    const ranges = values.map(parseCidr).filter((c): c is Cidr => c !== undefined);
    return (rv) => {
      const ip = parseIp(rv);
      if (ip === undefined) return false;
      for (const r of ranges) if (r.v6 === ip.v6 && (ip.value & r.mask) === r.network) return true;
      return false;
    };
  },
};
