import type { ServiceModel, Shape, ShapeRef } from './botocore-model.js';
import { modeledError, shapeOf } from './botocore-model.js';
import type { Violation, WireResponse } from './response-validation.js';
import type { XmlElement } from './xml.js';
import { parseXml } from './xml.js';

/*
 * restXml (S3) responses checked against the botocore model the AWS CLI and boto3 parse them with: header members by
 * type, the XML body member by member (flattened lists repeat their element, wrapped ones nest it), the payload member
 * (a structure document or raw bytes), and errors as S3 writes them (`<Error>` with Code, Message, RequestId).
 */

type RefWithLocation = ShapeRef & { location?: string; locationName?: string };
type ShapeWithPayload = Shape & { payload?: string; members?: Record<string, RefWithLocation> };

const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
const HTTP_DATE = /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/;

function checkScalar(shape: Shape, text: string, path: string, out: Violation[], inHeader: boolean): void {
  switch (shape.type) {
    case 'integer':
    case 'long':
      if (!/^-?\d+$/.test(text)) out.push({ path, problem: `${JSON.stringify(text)} is not an integer` });
      return;
    case 'boolean':
      if (text !== 'true' && text !== 'false') out.push({ path, problem: `${JSON.stringify(text)} is not a boolean` });
      return;
    case 'timestamp':
      if (!(inHeader ? HTTP_DATE : ISO_8601).test(text))
        out.push({
          path,
          problem: `${JSON.stringify(text)} is not an ${inHeader ? 'HTTP date' : 'ISO 8601'} timestamp`,
        });
      return;
    case 'string':
      if (shape.enum !== undefined && !shape.enum.includes(text))
        out.push({ path, problem: `${JSON.stringify(text)} is not one of ${shape.enum.join(', ')}` });
      return;
    default:
      return;
  }
}

function elementName(name: string, ref: RefWithLocation, shape: Shape): string {
  if (shape.type === 'list' && shape.flattened === true) return ref.locationName ?? shape.member?.locationName ?? name;
  return ref.locationName ?? name;
}

function checkElement(model: ServiceModel, shapeName: string, el: XmlElement, path: string, out: Violation[]): void {
  const shape = shapeOf(model, shapeName) as ShapeWithPayload;
  if (shape.type === 'structure') return checkStructure(model, shapeName, el.children, path, out);
  if (shape.type === 'list') {
    const item = shape.member?.locationName ?? 'member';
    el.children.forEach((c, i) => {
      if (c.name !== item) out.push({ path: `${path}[${i}]`, problem: `list element <${c.name}>, expected <${item}>` });
      else checkElement(model, shape.member?.shape ?? '', c, `${path}[${i}]`, out);
    });
    return;
  }
  if (el.children.length > 0) out.push({ path, problem: `a ${shape.type} has child elements` });
  checkScalar(shape, el.text, path, out, false);
}

/** The children of a structure: every element a member (by its XML name), required members present. */
function checkStructure(
  model: ServiceModel,
  shapeName: string,
  children: XmlElement[],
  path: string,
  out: Violation[],
): void {
  const shape = shapeOf(model, shapeName) as ShapeWithPayload;
  const byElement = new Map<string, { name: string; ref: RefWithLocation; shape: Shape }>();
  for (const [name, ref] of Object.entries(shape.members ?? {})) {
    if (ref.location !== undefined) continue;
    const member = shapeOf(model, ref.shape);
    byElement.set(elementName(name, ref, member), { name, ref, shape: member });
  }
  const seen = new Set<string>();
  for (const child of children) {
    const m = byElement.get(child.name);
    const at = path === '' ? child.name : `${path}.${child.name}`;
    if (m === undefined) {
      out.push({ path: at, problem: `not a member of ${shapeName}` });
      continue;
    }
    if (seen.has(child.name) && !(m.shape.type === 'list' && m.shape.flattened === true))
      out.push({ path: at, problem: 'repeated, but not a flattened list' });
    seen.add(child.name);
    if (m.shape.type === 'list' && m.shape.flattened === true)
      checkElement(model, m.shape.member?.shape ?? '', child, at, out);
    else checkElement(model, m.ref.shape, child, at, out);
  }
  for (const name of shape.required ?? []) {
    const ref = shape.members?.[name];
    if (ref === undefined || ref.location !== undefined) continue;
    if (!seen.has(elementName(name, ref, shapeOf(model, ref.shape))))
      out.push({ path: path === '' ? name : `${path}.${name}`, problem: 'required member missing' });
  }
}

function checkHeaders(
  model: ServiceModel,
  shape: ShapeWithPayload,
  headers: Record<string, string>,
  out: Violation[],
): void {
  for (const ref of Object.values(shape.members ?? {})) {
    if (ref.location !== 'header' || ref.locationName === undefined) continue;
    const value = headers[ref.locationName.toLowerCase()];
    if (value !== undefined) checkScalar(shapeOf(model, ref.shape), value, `header ${ref.locationName}`, out, true);
  }
}

function parse(body: string, out: Violation[]): XmlElement | undefined {
  try {
    return parseXml(body);
  } catch (err) {
    out.push({ path: '', problem: `the body is not XML: ${(err as Error).message}` });
    return undefined;
  }
}

function validateOutput(model: ServiceModel, operation: string, res: WireResponse): Violation[] {
  const out: Violation[] = [];
  const op = model.operations[operation];
  if (op?.output === undefined) {
    if (res.body.trim() !== '') out.push({ path: '', problem: 'the operation has no output, but there is a body' });
    return out;
  }
  const shape = shapeOf(model, op.output.shape) as ShapeWithPayload;
  checkHeaders(model, shape, res.headers, out);
  if (shape.payload !== undefined) {
    const ref = shape.members?.[shape.payload];
    const payload = ref === undefined ? undefined : shapeOf(model, ref.shape);
    if (ref === undefined || payload?.type !== 'structure') return out; // raw bytes (an object, a policy)
    if (res.body.trim() === '') return out;
    const doc = parse(res.body, out);
    const root = ref.locationName ?? ref.shape;
    if (doc !== undefined && doc.name !== root)
      out.push({ path: '', problem: `root <${doc.name}>, expected <${root}>` });
    if (doc !== undefined) checkStructure(model, ref.shape, doc.children, '', out);
    return out;
  }
  const hasBodyMembers = Object.values(shape.members ?? {}).some((r) => r.location === undefined);
  if (!hasBodyMembers) {
    if (res.body.trim() !== '') out.push({ path: '', problem: 'the output has no body members, but there is a body' });
    return out;
  }
  const doc = parse(res.body, out);
  if (doc === undefined) return out;
  // GetBucketLocation: the root element is the one member's own (`<LocationConstraint>eu-west-1</…>`).
  const members = Object.entries(shape.members ?? {}).filter(([, r]) => r.location === undefined);
  const only = members.length === 1 ? members[0] : undefined;
  if (only !== undefined && doc.name === only[0] && doc.children.length === 0) {
    // An empty element is no value (S3 answers us-east-1's location so); botocore reads it as None.
    if (doc.text !== '') checkScalar(shapeOf(model, only[1].shape), doc.text, only[0], out, false);
  } else checkStructure(model, op.output.shape, doc.children, '', out);
  return out;
}

function validateError(model: ServiceModel, operation: string, res: WireResponse, method: string): Violation[] {
  const out: Violation[] = [];
  if (method === 'HEAD') {
    if (res.body !== '') out.push({ path: '', problem: 'a HEAD error has a body' });
    return out;
  }
  const doc = parse(res.body, out);
  if (doc === undefined) return out;
  if (doc.name !== 'Error') return [{ path: '', problem: `root <${doc.name}>, expected <Error>` }];
  const text = (name: string): string | undefined => doc.children.find((c) => c.name === name)?.text;
  const code = text('Code');
  if (code === undefined || code === '') out.push({ path: 'Code', problem: 'missing error code' });
  if (text('Message') === undefined) out.push({ path: 'Message', problem: 'missing message' });
  const requestId = text('RequestId');
  if (requestId === undefined || requestId !== res.headers['x-amz-request-id'])
    out.push({ path: 'RequestId', problem: 'missing, or not the x-amz-request-id header' });
  const shapeName = code === undefined ? undefined : modeledError(model, operation, code);
  if (shapeName !== undefined) {
    const status = shapeOf(model, shapeName).error?.httpStatusCode;
    if (status !== undefined && status !== res.status)
      out.push({ path: 'status', problem: `${code ?? ''} must have HTTP status ${status}, not ${res.status}` });
  }
  return out;
}

/** Checks a raw S3 response (success or error) of `operation` against the botocore model. */
export function validateRestXmlResponse(
  model: ServiceModel,
  operation: string,
  res: WireResponse,
  method = 'GET',
): Violation[] {
  if (model.operations[operation] === undefined)
    return [{ path: '', problem: `the model has no operation ${operation}` }];
  return res.status >= 300 ? validateError(model, operation, res, method) : validateOutput(model, operation, res);
}
