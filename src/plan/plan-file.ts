import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { BulkheadError } from '../core/errors.js';
import { KINDS } from '../model/kinds.js';
import { specHash } from './fingerprint.js';
import { AUDIT_PAYLOADS } from './audit/payload-schemas.js';
import { COST_PAYLOADS } from './cost-payload-schemas.js';
import { BUDGET_PAYLOADS } from './budget/payload-schemas.js';
import { IDENTITY_PAYLOADS } from './identity/payload-schemas.js';
import { SECURITY_PAYLOADS } from './security/payload-schemas.js';
import { QUOTA_PAYLOADS } from './quotas/payload-schemas.js';
import type { Plan } from './types.js';

const ACTIONS = ['create', 'update', 'move', 'attach', 'detach', 'delete', 'close'] as const;

const str = z.string();
const tags = z.record(z.string(), z.string());
const ref = z.object({ address: z.object({ kind: z.enum(KINDS), key: str }), id: str.optional() });

/** Each kind's payload per action, as src/model/payloads.ts types them: a plan is carried out as read. */
const PAYLOADS: Record<(typeof KINDS)[number], z.ZodType> = {
  organization: z.object({ action: z.literal('create'), featureSet: z.literal('ALL') }),
  'policy-type': z.object({ action: z.literal('create'), type: z.literal('SERVICE_CONTROL_POLICY'), root: ref }),
  'organizational-unit': z.discriminatedUnion('action', [
    z.object({ action: z.literal('create'), name: str, path: str, parent: ref, tags }),
    z.object({ action: z.literal('update'), id: str, name: str, path: str, rename: z.boolean(), tags }),
    z.object({ action: z.literal('delete'), id: str, path: str }),
  ]),
  account: z.discriminatedUnion('action', [
    z.object({
      action: z.literal('create'),
      name: str,
      email: str,
      ou: ref.nullable(),
      root: ref,
      tags,
      pendingRequestId: str.optional(),
    }),
    z.object({ action: z.literal('move'), id: str, fromParentId: str, to: ref }),
    z.object({ action: z.literal('update'), id: str, tags }),
    z.object({ action: z.literal('close'), id: str, name: str }),
  ]),
  policy: z.discriminatedUnion('action', [
    z.object({ action: z.literal('create'), name: str, description: str, content: str, tags }),
    z.object({ action: z.literal('update'), id: str, name: str, description: str, content: str, tags }),
    z.object({ action: z.literal('delete'), id: str, name: str }),
  ]),
  'policy-attachment': z.discriminatedUnion('action', [
    z.object({ action: z.literal('attach'), policy: ref, target: ref, policyName: str, targetKey: str }),
    z.object({ action: z.literal('detach'), policyId: str, targetId: str, policyName: str, targetKey: str }),
  ]),
  ...IDENTITY_PAYLOADS,
  ...AUDIT_PAYLOADS,
  ...SECURITY_PAYLOADS,
  ...QUOTA_PAYLOADS,
  ...COST_PAYLOADS,
  ...BUDGET_PAYLOADS,
};

const changeSchema = z
  .object({
    id: z.string().min(1),
    kind: z.enum(KINDS),
    key: z.string(),
    action: z.enum(ACTIONS),
    label: z.string(),
    properties: z.array(z.object({ name: z.string(), before: z.unknown().optional(), after: z.unknown().optional() })),
    payload: z.object({ action: z.enum(ACTIONS) }).passthrough(),
    dependsOn: z.array(z.string()),
    awaits: z.array(z.string()).optional(),
    destructive: z.boolean(),
    origin: z.object({ guardrails: z.array(z.string()), size: z.number(), maxSize: z.number() }).optional(),
  })
  .refine((c) => c.payload.action === c.action, { message: 'payload.action differs from action' })
  .superRefine((c, ctx) => {
    const parsed = PAYLOADS[c.kind].safeParse(c.payload);
    for (const issue of parsed.success ? [] : parsed.error.issues) {
      ctx.addIssue({ code: 'custom', path: ['payload', ...issue.path], message: issue.message });
    }
  });

const planSchema = z.object({
  formatVersion: z.literal(2),
  createdAt: z.string(),
  target: z.string(),
  specFile: z.string(),
  specHash: z.string().regex(/^sha256:[0-9a-f]{64}$/),
  stateFingerprint: z.string().regex(/^sha256:[0-9a-f]{64}$/),
  changes: z.array(changeSchema),
  problems: z.array(
    z.object({
      severity: z.enum(['error', 'warning']),
      code: z.string(),
      message: z.string(),
      hint: z.string().optional(),
      key: z.string(),
    }),
  ),
  notes: z.array(z.object({ code: z.string(), message: z.string(), key: z.string().optional() })),
});

export { writePlanFile } from './plan-write.js';

/** Reads a saved plan, refusing anything that is not a whole plan of this format. */
export function readPlanFile(path: string): Plan {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new BulkheadError(
      'plan-file',
      `cannot read the plan ${path}${code === 'ENOENT' ? ': no such file' : ` (${code})`}`,
      {
        hint: 'save one with `bulkhead plan --out plan.json`',
      },
    );
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new BulkheadError('plan-file', `${path} is not JSON, so not a Bulkhead plan`, {
      hint: 'save one with `bulkhead plan --out plan.json`',
    });
  }
  const version = (data as { formatVersion?: unknown } | null)?.formatVersion;
  if (version !== 2) {
    throw new BulkheadError(
      'plan-format',
      `${path} is not a Bulkhead plan of format 2 (format ${JSON.stringify(version)})`,
      {
        hint: 'plan again with this version of Bulkhead',
      },
    );
  }
  const parsed = planSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new BulkheadError(
      'plan-format',
      `${path} is not a valid plan: ${issue.path.join('.') || '(top)'}: ${issue.message}`,
      {
        hint: 'a plan file is written by `bulkhead plan --out`; do not edit it',
      },
    );
  }
  return data as Plan;
}

/** Refuses a saved plan whose spec has changed since it was made. */
export function verifyPlanSpec(plan: Plan, planPath: string): void {
  let text: string;
  try {
    text = readFileSync(plan.specFile, 'utf8');
  } catch {
    throw new BulkheadError(
      'plan-spec-missing',
      `${planPath} was made from ${plan.specFile}, which cannot be read now`,
      {
        hint: 'run apply from the folder the plan was made in',
      },
    );
  }
  if (specHash(text) !== plan.specHash) {
    throw new BulkheadError('plan-spec-changed', `${plan.specFile} has changed since ${planPath} was made`, {
      hint: 'run `bulkhead plan --out` again and review the new plan',
    });
  }
}
