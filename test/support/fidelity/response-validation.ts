import type { ServiceModel, Shape } from './botocore-model.js';
import { COMMON_ERRORS, modeledError, shapeOf } from './botocore-model.js';
import type { XmlElement } from './xml.js';
import { parseXml } from './xml.js';

/** One way a response breaks the model, at a member path such as `Accounts[0].JoinedTimestamp`. */
export interface Violation {
  path: string;
  problem: string;
}

export interface WireResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Checks a raw response (success or error) of `operation` against the botocore model. */
export function validateResponse(model: ServiceModel, operation: string, res: WireResponse): Violation[] {
  if (model.operations[operation] === undefined)
    return [{ path: '', problem: `the model has no operation ${operation}` }];
  const query = model.metadata.protocol === 'query';
  if (res.status >= 300 && model.metadata.protocol === 'rest-json') return validateRestJsonError(model, operation, res);
  if (res.status >= 300)
    return query ? validateQueryError(model, operation, res) : validateJsonError(model, operation, res);
  return query ? validateQueryOutput(model, operation, res.body) : validateJsonOutput(model, operation, res.body);
}

/** The error code of an error response, as sent (awsJson `__type` without namespace, awsQuery `<Code>`). */
export function wireErrorCode(res: WireResponse): string | undefined {
  if (res.status < 300) return undefined;
  const json = /"__type"\s*:\s*"([^"]*)"/.exec(res.body)?.[1];
  if (json !== undefined) return json.slice(json.lastIndexOf('#') + 1);
  return /<Code>([^<]*)<\/Code>/.exec(res.body)?.[1];
}

// ---------- scalars, shared by both protocols ----------

const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})$/;
const patterns = new Map<string, RegExp | null>();

/** botocore patterns are Java regexes; those JavaScript cannot compile are not checked. */
function compiled(pattern: string): RegExp | null {
  if (!patterns.has(pattern)) {
    let re: RegExp | null = null;
    try {
      re = new RegExp(pattern, 'u');
    } catch {
      re = null;
    }
    patterns.set(pattern, re);
  }
  return patterns.get(pattern) ?? null;
}

/**
 * Where the botocore model contradicts itself, the pattern checked instead, and why. Kept tiny and
 * listed in docs/fidelity.md: each entry weakens the check.
 */
export const MODEL_QUIRKS: Readonly<Record<string, { pattern: string; why: string }>> = {
  PolicyArn: {
    pattern:
      '^(arn:aws:organizations::\\d{12}:policy\\/o-[a-z0-9]{10,32}\\/[0-9a-z_]+\\/p-[0-9a-zA-Z_]{8,128})$|^(arn:aws:organizations::aws:policy\\/[0-9a-z_]+\\/p-[0-9a-zA-Z_]{8,128})$',
    why: 'the model\'s PolicyId allows "p-" plus 8 to 128 characters (and customer SCP ids have 8, e.g. p-12345678), but its PolicyArn pattern asks for 10 to 32 after "p-"',
  },
};

function checkString(shape: Shape, value: string, path: string, out: Violation[], shapeName = ''): void {
  if (shape.enum !== undefined && !shape.enum.includes(value))
    out.push({ path, problem: `${JSON.stringify(value)} is not one of ${shape.enum.join(', ')}` });
  const length = [...value].length;
  if (shape.min !== undefined && length < shape.min) out.push({ path, problem: `length ${length} < min ${shape.min}` });
  if (shape.max !== undefined && length > shape.max) out.push({ path, problem: `length ${length} > max ${shape.max}` });
  const pattern = MODEL_QUIRKS[shapeName]?.pattern ?? shape.pattern;
  const re = pattern === undefined ? null : compiled(pattern);
  if (re !== null && !re.test(value))
    out.push({ path, problem: `${JSON.stringify(value.slice(0, 80))} does not match ${pattern ?? ''}` });
}

function checkNumber(shape: Shape, value: number, path: string, out: Violation[]): void {
  if ((shape.type === 'integer' || shape.type === 'long') && !Number.isInteger(value))
    out.push({ path, problem: `${value} is not an integer` });
  if (shape.min !== undefined && value < shape.min) out.push({ path, problem: `${value} < min ${shape.min}` });
  if (shape.max !== undefined && value > shape.max) out.push({ path, problem: `${value} > max ${shape.max}` });
}

function memberPath(path: string, name: string): string {
  return path === '' ? name : `${path}.${name}`;
}

// ---------- awsJson1_1 ----------

function checkJson(model: ServiceModel, shapeName: string, value: unknown, path: string, out: Violation[]): void {
  const shape = shapeOf(model, shapeName);
  const wrong = (expected: string): void =>
    void out.push({
      path,
      problem: `expected ${expected} (${shapeName}), got ${JSON.stringify(value)?.slice(0, 80) ?? 'undefined'}`,
    });
  switch (shape.type) {
    case 'structure': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return wrong('an object');
      const obj = value as Record<string, unknown>;
      // On the wire a member goes by its locationName (GuardDuty's `detectorId` for DetectorId), else its name.
      const wire = (name: string): string => shape.members?.[name]?.locationName ?? name;
      const byWire = new Map(Object.entries(shape.members ?? {}).map(([name, ref]) => [wire(name), ref]));
      for (const name of shape.required ?? [])
        if (obj[wire(name)] === undefined || obj[wire(name)] === null)
          out.push({ path: memberPath(path, wire(name)), problem: 'required member missing' });
      for (const [name, v] of Object.entries(obj)) {
        const ref = byWire.get(name);
        if (ref === undefined) out.push({ path: memberPath(path, name), problem: `not a member of ${shapeName}` });
        else if (v !== null) checkJson(model, ref.shape, v, memberPath(path, name), out);
      }
      return;
    }
    case 'list':
      if (!Array.isArray(value)) return wrong('an array');
      value.forEach((v, i) => checkJson(model, shape.member?.shape ?? '', v, `${path}[${i}]`, out));
      return;
    case 'map':
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return wrong('an object (map)');
      for (const [k, v] of Object.entries(value)) {
        checkJson(model, shape.key?.shape ?? '', k, `${path}{key}`, out);
        checkJson(model, shape.value?.shape ?? '', v, `${path}[${JSON.stringify(k)}]`, out);
      }
      return;
    case 'string':
      if (typeof value !== 'string') return wrong('a string');
      return checkString(shape, value, path, out, shapeName);
    case 'blob':
      if (typeof value !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(value)) return wrong('a base64 string');
      return;
    case 'boolean':
      if (typeof value !== 'boolean') return wrong('a boolean');
      return;
    case 'timestamp':
      // awsJson: epoch seconds, a JSON number (fractional allowed).
      if (typeof value !== 'number' || !Number.isFinite(value)) return wrong('epoch seconds (a number)');
      if (value < 946684800 || value > 4102444800)
        out.push({ path, problem: `${value} is not a plausible epoch-seconds timestamp` });
      return;
    default:
      if (typeof value !== 'number') return wrong('a number');
      return checkNumber(shape, value, path, out);
  }
}

function validateJsonOutput(model: ServiceModel, operation: string, body: string): Violation[] {
  const out: Violation[] = [];
  const op = model.operations[operation];
  let parsed: unknown;
  try {
    parsed = body.trim() === '' ? {} : JSON.parse(body);
  } catch {
    return [{ path: '', problem: 'the body is not JSON' }];
  }
  if (op?.output === undefined) {
    if (typeof parsed !== 'object' || parsed === null || Object.keys(parsed).length > 0)
      out.push({ path: '', problem: 'the operation has no output, but the body is not {}' });
    return out;
  }
  checkJson(model, op.output.shape, parsed, '', out);
  return out;
}

function checkErrorCode(
  model: ServiceModel,
  operation: string,
  protocol: 'json' | 'query',
  code: string,
  status: number,
  out: Violation[],
): string | undefined {
  const shapeName = modeledError(model, operation, code);
  if (shapeName === undefined) {
    if (!COMMON_ERRORS[protocol].includes(code))
      out.push({ path: 'code', problem: `${code} is neither an error of ${operation} nor a common error` });
    return undefined;
  }
  const shape = shapeOf(model, shapeName);
  const expectedStatus = shape.error?.httpStatusCode ?? (shape.fault === true ? 500 : 400);
  if (status !== expectedStatus)
    out.push({ path: 'status', problem: `${code} must have HTTP status ${expectedStatus}, not ${status}` });
  return shapeName;
}

function validateJsonError(model: ServiceModel, operation: string, res: WireResponse): Violation[] {
  const out: Violation[] = [];
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(res.body) as Record<string, unknown>;
  } catch {
    return [{ path: '', problem: 'the error body is not JSON' }];
  }
  const type = body.__type;
  if (typeof type !== 'string') return [{ path: '__type', problem: 'missing error code' }];
  const code = type.slice(type.lastIndexOf('#') + 1);
  const header = res.headers['x-amzn-errortype'];
  if (header !== undefined && header.split(':')[0] !== code)
    out.push({ path: 'x-amzn-ErrorType', problem: `header ${header} differs from __type ${code}` });
  const shapeName = checkErrorCode(model, operation, 'json', code, res.status, out);
  const { __type: _ignored, ...members } = body;
  // The message travels whether or not the shape models it (CloudTrail's and AWS Config's exceptions have no
  // members).
  if (shapeName !== undefined && shapeOf(model, shapeName).members?.Message === undefined) delete members.Message;
  if (shapeName !== undefined && shapeOf(model, shapeName).members?.message === undefined) delete members.message;
  if (shapeName !== undefined) checkJson(model, shapeName, members, '', out);
  else
    for (const k of Object.keys(members))
      if (k !== 'message' && k !== 'Message') out.push({ path: k, problem: 'unexpected member of a common error' });
  return out;
}

// ---------- restJson1 ----------

/**
 * Errors a real service answers that its botocore model does not declare, accepted with the reason (listed in
 * docs/fidelity.md). Their body is the service's plain `{"message"}`.
 */
export const UNMODELED_ERRORS: Readonly<Record<string, string>> = {
  ForbiddenException:
    'the AWS access portal answers GetRoleCredentials for a role the user has no access to with 403 ForbiddenException "No access"; the sso model has no such shape',
};

/**
 * restJson1 errors: the code in `x-amzn-ErrorType`, the body the error shape's members. A `__type` in the body is the
 * protocol's fallback code (GuardDuty sends `"__type":"InvalidInputException"` beside its BadRequestException header)
 * and is not a member.
 */
function validateRestJsonError(model: ServiceModel, operation: string, res: WireResponse): Violation[] {
  const out: Violation[] = [];
  let body: Record<string, unknown>;
  try {
    const { __type: _fallback, ...members } = JSON.parse(res.body) as Record<string, unknown>;
    body = members;
  } catch {
    return [{ path: '', problem: 'the error body is not JSON' }];
  }
  const header = res.headers['x-amzn-errortype'];
  if (header === undefined) return [{ path: 'x-amzn-ErrorType', problem: 'missing error code header' }];
  const code = header.split(':')[0] ?? '';
  const shapeName =
    UNMODELED_ERRORS[code] === undefined ? checkErrorCode(model, operation, 'json', code, res.status, out) : undefined;
  if (shapeName !== undefined) checkJson(model, shapeName, body, '', out);
  else
    for (const k of Object.keys(body))
      if (k !== 'message') out.push({ path: k, problem: 'unexpected member of an error without a modeled shape' });
  return out;
}

// ---------- awsQuery ----------

function checkXml(model: ServiceModel, shapeName: string, el: XmlElement, path: string, out: Violation[]): void {
  const shape = shapeOf(model, shapeName);
  const text = el.text;
  if (shape.type !== 'structure' && shape.type !== 'list' && shape.type !== 'map' && el.children.length > 0) {
    out.push({ path, problem: `expected a ${shape.type} (${shapeName}), got nested elements` });
    return;
  }
  switch (shape.type) {
    case 'structure': {
      const seen = new Set<string>();
      for (const child of el.children) {
        const entry = Object.entries(shape.members ?? {}).find(
          ([name, ref]) => (ref.locationName ?? name) === child.name,
        );
        const p = memberPath(path, child.name);
        if (entry === undefined) out.push({ path: p, problem: `not a member of ${shapeName}` });
        else if (seen.has(child.name)) out.push({ path: p, problem: 'member repeated' });
        else checkXml(model, entry[1].shape, child, p, out);
        seen.add(child.name);
      }
      if (el.children.length === 0 && text.trim() !== '')
        out.push({ path, problem: `expected a structure (${shapeName}), got text` });
      for (const name of shape.required ?? [])
        if (!seen.has(shape.members?.[name]?.locationName ?? name))
          out.push({ path: memberPath(path, name), problem: 'required member missing' });
      return;
    }
    case 'list': {
      const item = shape.member?.locationName ?? 'member';
      el.children.forEach((child, i) => {
        if (child.name !== item)
          out.push({ path: `${path}[${i}]`, problem: `list entries are <${item}>, not <${child.name}>` });
        else checkXml(model, shape.member?.shape ?? '', child, `${path}[${i}]`, out);
      });
      return;
    }
    case 'map':
      el.children.forEach((entry, i) => {
        const k = entry.children.find((c) => c.name === 'key');
        const v = entry.children.find((c) => c.name === 'value');
        if (entry.name !== 'entry' || k === undefined || v === undefined)
          out.push({ path: `${path}[${i}]`, problem: 'map entries are <entry><key/><value/></entry>' });
        else checkXml(model, shape.value?.shape ?? '', v, `${path}[${JSON.stringify(k.text)}]`, out);
      });
      return;
    case 'string':
      return checkString(shape, text, path, out, shapeName);
    case 'boolean':
      if (text !== 'true' && text !== 'false')
        out.push({ path, problem: `${JSON.stringify(text)} is not true or false` });
      return;
    case 'timestamp':
      // awsQuery: ISO 8601.
      if (!ISO_8601.test(text) || Number.isNaN(Date.parse(text)))
        out.push({ path, problem: `${JSON.stringify(text)} is not an ISO 8601 timestamp` });
      return;
    case 'blob':
      if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text)) out.push({ path, problem: 'not base64' });
      return;
    default:
      if (!/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(text))
        out.push({ path, problem: `${JSON.stringify(text)} is not a number` });
      else checkNumber(shape, Number(text), path, out);
  }
}

function parse(body: string, out: Violation[]): XmlElement | undefined {
  try {
    return parseXml(body);
  } catch (err) {
    out.push({ path: '', problem: (err as Error).message });
    return undefined;
  }
}

function checkRequestId(el: XmlElement | undefined, path: string, out: Violation[]): void {
  if (el === undefined || !/^[0-9a-fA-F-]{16,}$/.test(el.text))
    out.push({ path, problem: `missing or malformed RequestId (${el?.text ?? 'absent'})` });
}

function validateQueryOutput(model: ServiceModel, operation: string, body: string): Violation[] {
  const out: Violation[] = [];
  const op = model.operations[operation];
  const root = parse(body, out);
  if (root === undefined) return out;
  if (root.name !== `${operation}Response`)
    out.push({ path: '', problem: `root element is <${root.name}>, not <${operation}Response>` });
  if (root.attributes.xmlns !== model.metadata.xmlNamespace)
    out.push({
      path: 'xmlns',
      problem: `namespace ${root.attributes.xmlns ?? 'absent'}, not ${model.metadata.xmlNamespace ?? ''}`,
    });
  const wrapper = op?.output?.resultWrapper;
  for (const child of root.children) {
    if (child.name === 'ResponseMetadata')
      checkRequestId(
        child.children.find((c) => c.name === 'RequestId'),
        'ResponseMetadata.RequestId',
        out,
      );
    else if (wrapper !== undefined && child.name === wrapper) checkXml(model, op?.output?.shape ?? '', child, '', out);
    else out.push({ path: child.name, problem: `unexpected element in <${root.name}>` });
  }
  if (!root.children.some((c) => c.name === 'ResponseMetadata'))
    out.push({ path: 'ResponseMetadata', problem: 'missing' });
  if (wrapper !== undefined && !root.children.some((c) => c.name === wrapper))
    out.push({ path: wrapper, problem: 'missing result element' });
  return out;
}

function validateQueryError(model: ServiceModel, operation: string, res: WireResponse): Violation[] {
  const out: Violation[] = [];
  const root = parse(res.body, out);
  if (root === undefined) return out;
  if (root.name !== 'ErrorResponse')
    return [{ path: '', problem: `root element is <${root.name}>, not <ErrorResponse>` }];
  const error = root.children.find((c) => c.name === 'Error');
  checkRequestId(
    root.children.find((c) => c.name === 'RequestId'),
    'RequestId',
    out,
  );
  const field = (name: string) => error?.children.find((c) => c.name === name)?.text;
  const code = field('Code');
  if (code === undefined) return [...out, { path: 'Error.Code', problem: 'missing' }];
  if (field('Message') === undefined) out.push({ path: 'Error.Message', problem: 'missing' });
  const shapeName = checkErrorCode(model, operation, 'query', code, res.status, out);
  const type = field('Type');
  const sender =
    shapeName === undefined
      ? res.status < 500
      : shapeOf(model, shapeName).error?.senderFault === true || res.status < 500;
  if (type !== (sender ? 'Sender' : 'Receiver'))
    out.push({ path: 'Error.Type', problem: `${type ?? 'absent'}, expected ${sender ? 'Sender' : 'Receiver'}` });
  return out;
}
