/**
 * Reads an AccessDenied message as users paste it from the AWS CLI, an SDK or the console, e.g.
 * `An error occurred (AccessDeniedException) when calling the DeleteTable operation: User:
 * arn:aws:sts::123456789012:assumed-role/AWSReservedSSO_PowerUser_abc123/alice is not authorized to perform:
 * dynamodb:DeleteTable on resource: arn:aws:dynamodb:eu-west-1:123456789012:table/orders with an explicit deny
 * in a service control policy`.
 * AWS's wording of the reason (https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_access-denied.html):
 * "with an explicit deny in a|an <policy type>" or "because no <policy type> allows the <action> action"; newer
 * messages name the policy ("…in a service control policy: arn:aws:organizations::…:policy/o-…/service_control_policy/p-…"),
 * some quote the resource ("on resource: \"arn:aws:s3:::bucket\""), AWS also writes "sessions policy", and EC2's
 * UnauthorizedOperation carries the details followed by "Encoded authorization failure message: …".
 */
import type { Layer } from './types.js';

export interface DeniedMessage {
  errorCode?: string;
  operation?: string;
  principalArn: string;
  accountId: string;
  action: string;
  resource?: string;
  /** What AWS says stopped the call, when the message says it. */
  reason?: { kind: 'explicit-deny' | 'implicit-deny'; layer: Layer | 'other'; policyType: string; policyArn?: string };
  /** The encoded authorization failure message, when the text carries one (decode it with STS for the full context). */
  encodedMessage?: string;
}

export interface DeniedMessageProblem {
  message: string;
  hint: string;
}

const POLICY_TYPES: Array<[RegExp, Layer | 'other']> = [
  [/service control polic/i, 'scp'],
  [/resource control polic/i, 'other'],
  [/identity-based polic/i, 'identity'],
  [/permissions? boundar/i, 'permission-boundary'],
  [/sessions? polic/i, 'session-policy'],
  [/resource-based polic/i, 'resource-policy'],
  [/VPC endpoint polic/i, 'other'],
];

function layerOf(policyType: string): Layer | 'other' {
  return POLICY_TYPES.find(([re]) => re.test(policyType))?.[1] ?? 'other';
}

export function parseDeniedMessage(text: string): DeniedMessage | DeniedMessageProblem {
  const full = text.replace(/\s+/g, ' ').trim();
  const encoded = /\s*Encoded authorization failure message:? ?(\S*)/i.exec(full);
  const flat = encoded === null ? full : full.slice(0, encoded.index).trim();
  const principal =
    /\bUser: "?(arn:[^\s"]+)/i.exec(flat) ??
    /\b(arn:aws[a-z-]*:(?:sts|iam)::\d{12}:[^\s"]+)"? is not authorized/i.exec(flat);
  const action = /not authorized to perform:? "?([A-Za-z0-9-]+:[A-Za-z0-9]+)/i.exec(flat);
  if (encoded !== null && (principal === null || action === null)) {
    return {
      message: 'the message carries only an encoded authorization failure, which holds the details',
      hint: 'decode it with `aws sts decode-authorization-message --encoded-message …` (needs sts:DecodeAuthorizationMessage) and paste the decoded text, or ask with `bulkhead access can`',
    };
  }
  if (principal === null || action === null) {
    return {
      message: `this does not look like an AWS AccessDenied message with a principal and an action: "${flat.length > 120 ? `${flat.slice(0, 117)}…` : flat}"`,
      hint:
        'paste the whole message ("User: arn:… is not authorized to perform: service:Action on resource: …"); ' +
        'messages such as a bare "Access Denied" from S3 carry no details: ask with `bulkhead access can` instead',
    };
  }
  const principalArn = principal[1]!.replace(/[.,;]$/, '');
  const accountId = /^arn:[^:]+:[^:]+::(\d{12}):/.exec(principalArn)?.[1] ?? '';
  const out: DeniedMessage = { principalArn, accountId, action: action[1]! };
  const code = /An error occurred \(([A-Za-z.]+)\)/.exec(flat);
  if (code) out.errorCode = code[1]!;
  const op = /when calling the ([A-Za-z0-9]+) operation/.exec(flat);
  if (op) out.operation = op[1]!;
  const resource = /on resource:? (?:"([^"]+)"|'([^']+)'|(\S+))/i.exec(flat);
  if (resource) out.resource = (resource[1] ?? resource[2] ?? resource[3]!.replace(/[.,;]$/, '')).trim();
  if (encoded?.[1]) out.encodedMessage = encoded[1].replace(/[.,;]$/, '');
  const explicit =
    /with an explicit deny in (?:an? |the )?([A-Za-z -]+?polic(?:y|ies)|[A-Za-z -]+?boundary)(?::? "?(arn:[^\s"]+)"?)?(?:[.,;]|$| because| with)/i.exec(
      flat,
    );
  const implicit =
    /because no ([A-Za-z -]+?polic(?:y|ies)|[A-Za-z -]+?boundary)(?::? "?arn:[^\s"]+"?)? allows? the/i.exec(flat);
  if (explicit) {
    out.reason = {
      kind: 'explicit-deny',
      layer: layerOf(explicit[1]!),
      policyType: explicit[1]!.trim(),
      ...(explicit[2] ? { policyArn: explicit[2].replace(/[.,;]$/, '') } : {}),
    };
  } else if (implicit) {
    out.reason = { kind: 'implicit-deny', layer: layerOf(implicit[1]!), policyType: implicit[1]!.trim() };
  }
  return out;
}

export function isDeniedMessageProblem(value: DeniedMessage | DeniedMessageProblem): value is DeniedMessageProblem {
  return 'hint' in value;
}

/** The region a resource ARN names, if any. */
export function regionOfArn(arn: string | undefined): string | undefined {
  const region = arn === undefined ? undefined : /^arn:[^:]+:[^:]+:([^:]*):/.exec(arn)?.[1];
  return region === '' ? undefined : region;
}
