/** A small XML writer for awsQuery responses: objects become elements, arrays `<member>` lists. */

/** Escapes text content (quotes need no escaping outside attributes). */
export function escapeXml(text: string): string {
  return text.replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));
}

/** ISO-8601 with milliseconds and Z, the form IAM and STS use. */
export function isoTimestamp(d: Date): string {
  return d.toISOString();
}

function scalar(value: unknown): string {
  if (value instanceof Date) return isoTimestamp(value);
  if (typeof value === 'boolean' || typeof value === 'number') return String(value);
  return escapeXml(String(value));
}

export function toXml(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.map((v) => `<member>${toXml(v)}</member>`).join('');
  if (typeof value === 'object' && !(value instanceof Date)) {
    let out = '';
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (v === undefined || v === null) continue;
      out += `<${k}>${toXml(v)}</${k}>`;
    }
    return out;
  }
  return scalar(value);
}
