/** What one call returned, reduced to what two implementations of AWS must agree on. */
export type Outcome = { ok: true; shape: string[] } | { ok: false; code: string; reason?: string };

export interface Step {
  label: string;
  operation: string;
  outcome: Outcome;
}

/**
 * The member paths of an SDK output with their types (`Roots[].PolicyTypes[].Type:string`), sorted.
 * Values are ignored: ids, ARNs, timestamps and request ids differ between any two servers.
 */
export function shapeOf(value: unknown, path = ''): string[] {
  const paths = new Set<string>();
  const walk = (v: unknown, p: string): void => {
    if (v === undefined || v === null) return;
    if (v instanceof Date) paths.add(`${p}:timestamp`);
    else if (Array.isArray(v)) {
      paths.add(`${p}:list`);
      for (const item of v) walk(item, `${p}[]`);
    } else if (typeof v === 'object') {
      if (p !== '') paths.add(`${p}:structure`);
      for (const [k, child] of Object.entries(v as Record<string, unknown>))
        if (k !== '$metadata') walk(child, p === '' ? k : `${p}.${k}`);
    } else {
      paths.add(`${p}:${typeof v}`);
      // Identifier formats must agree too: `Arn` and `…Id` values, with the ids themselves replaced.
      if (typeof v === 'string' && /(^|\.|\])(Arn|[A-Za-z]*Id)$/.test(p)) paths.add(`${p}=${normalizeIds(v)}`);
    }
  };
  walk(value, path);
  return [...paths].sort();
}

/** Runs `call` and records its outcome under `label`; never throws for an AWS error. */
export async function record(
  steps: Step[],
  label: string,
  operation: string,
  call: Promise<unknown>,
): Promise<unknown> {
  try {
    const output = await call;
    steps.push({ label, operation, outcome: { ok: true, shape: shapeOf(output) } });
    return output;
  } catch (err) {
    const e = err as { name?: string; Code?: string; Reason?: string | null; $metadata?: { httpStatusCode?: number } };
    if (e.$metadata === undefined) throw err;
    const code = e.Code ?? e.name ?? 'Unknown';
    steps.push({
      label,
      operation,
      outcome: { ok: false, code, ...(e.Reason === undefined || e.Reason === null ? {} : { reason: e.Reason }) },
    });
    return undefined;
  }
}

/** Replaces the identifiers two servers choose differently with their kind (`<ou>`, `<account>`…), keeping their format. */
export function normalizeIds(text: string): string {
  return (
    text
      // Identity Center first: a UUID's last group may be 12 digits, which would read as an account id.
      .replace(/\bssoins-[a-f0-9]{16}\b/g, '<ssoins>')
      .replace(/\bps-[a-f0-9]{16}\b/g, '<ps>')
      .replace(/\bd-[0-9a-f]{10}\b/g, '<identity-store>')
      .replace(
        /\b([0-9a-f]{10}-|)[A-Fa-f0-9]{8}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{12}\b/g,
        '<uuid>',
      )
      .replace(/\bo-[a-z0-9]{10,32}\b/g, '<org>')
      .replace(/\bou-[a-z0-9]{4,32}-[a-z0-9]{8,32}\b/g, '<ou>')
      .replace(/\br-[a-z0-9]{4,32}\b/g, '<root>')
      .replace(/\bp-[0-9a-zA-Z_]{8,128}\b/g, (id) => (id === 'p-FullAWSAccess' ? id : '<policy>'))
      .replace(/\bcar-[a-z0-9]{8,32}\b/g, '<car>')
      .replace(/\b[0-9a-f]{32}\b/g, '<detector>')
      .replace(/\bh-[0-9a-z]{8,32}\b/g, '<handshake>')
      .replace(/\b(AROA|AIDA|ANPA|ASIA|AKIA)[A-Z0-9]{12,}\b/g, '<$1>')
      .replace(/\b\d{12}\b/g, '<account>')
  );
}

/** One aspect of one differential step where two servers may legitimately differ. */
export interface DeliberateDifference {
  /** The step label in the differential scenario. */
  label: string;
  /** `outcome` (success vs error, error code and Reason), `shape <path>` (a member path and all below it) or `value <path>` (the normalised Arn/Id value at a path). */
  aspect: string;
  moto: string;
  /** What AWS does; for `outcome`, the outcome the local cloud must produce (`ok`, `Code` or `Code/Reason`). */
  aws: string;
  doc: string;
}

export const describeOutcome = (o: Outcome): string =>
  o.ok ? 'ok' : o.reason === undefined ? o.code : `${o.code}/${o.reason}`;

/** Differences between moto's and our outcome for one step, minus the `skip`ped aspects of that step. */
export function outcomeDifferences(
  label: string,
  moto: Outcome,
  ours: Outcome,
  skipped: readonly DeliberateDifference[],
): string[] {
  const skip = skipped.filter((d) => d.label === label);
  if (skip.some((d) => d.aspect === 'outcome')) return [];
  if (!moto.ok || !ours.ok) {
    const [m, o] = [describeOutcome(moto), describeOutcome(ours)];
    return m === o ? [] : [`${label}: moto ${m}, local cloud ${o}`];
  }
  const shapes = skip.filter((d) => d.aspect.startsWith('shape ')).map((d) => d.aspect.slice(6));
  const values = skip.filter((d) => d.aspect.startsWith('value ')).map((d) => d.aspect.slice(6));
  const isIgnored = (entry: string) => {
    const path = entry.replace(/(:[a-z]+|=.*)$/, '');
    if (entry.includes('=') && values.includes(path)) return true;
    return shapes.some((i) => path === i || path.startsWith(`${i}.`) || path.startsWith(`${i}[]`));
  };
  const only = (a: string[], b: string[]) => a.filter((p) => !b.includes(p) && !isIgnored(p));
  return [
    ...only(moto.shape, ours.shape).map((p) => `${label}: ${p} only from moto`),
    ...only(ours.shape, moto.shape).map((p) => `${label}: ${p} only from the local cloud`),
  ];
}
