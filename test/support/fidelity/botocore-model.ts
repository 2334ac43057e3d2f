import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { requireTool } from './tools.js';

/*
 * The botocore service models (what the AWS CLI and boto3 parse responses with), read from the
 * installed botocore at test time and never copied into this repository.
 */

export interface ShapeRef {
  shape: string;
  locationName?: string;
}
export interface Shape {
  type:
    | 'structure'
    | 'list'
    | 'map'
    | 'string'
    | 'integer'
    | 'long'
    | 'boolean'
    | 'timestamp'
    | 'blob'
    | 'double'
    | 'float';
  members?: Record<string, ShapeRef>;
  required?: string[];
  member?: ShapeRef;
  key?: ShapeRef;
  value?: ShapeRef;
  enum?: string[];
  pattern?: string;
  min?: number;
  max?: number;
  flattened?: boolean;
  exception?: boolean;
  fault?: boolean;
  error?: { code?: string; httpStatusCode?: number; senderFault?: boolean };
}
export interface Operation {
  name: string;
  input?: ShapeRef;
  output?: ShapeRef & { resultWrapper?: string };
  errors?: ShapeRef[];
}
export interface ServiceModel {
  metadata: {
    protocol: string;
    apiVersion: string;
    targetPrefix?: string;
    xmlNamespace?: string;
    endpointPrefix: string;
  };
  operations: Record<string, Operation>;
  shapes: Record<string, Shape>;
}

export type BotocoreService =
  | 'organizations'
  | 'iam'
  | 'sts'
  | 'sso-admin'
  | 'identitystore'
  | 'sso-oidc'
  | 'sso'
  | 'cloudtrail'
  | 's3'
  | 'guardduty'
  | 'securityhub'
  | 'config'
  | 'budgets';

let dataDir: string | undefined;

/** The botocore `data/` directory of the python3 on PATH (the one the `aws` CLI uses). */
export function botocoreDataDir(): string {
  if (dataDir !== undefined) return dataDir;
  requireTool('botocore');
  const r = spawnSync(
    'python3',
    ['-c', 'import botocore, os; print(os.path.join(os.path.dirname(botocore.__file__), "data"))'],
    { encoding: 'utf8' },
  );
  dataDir = r.stdout.trim();
  return dataDir;
}

const cache = new Map<BotocoreService, ServiceModel>();

export function loadModel(service: BotocoreService): ServiceModel {
  const hit = cache.get(service);
  if (hit !== undefined) return hit;
  const dir = join(botocoreDataDir(), service);
  const version = readdirSync(dir).sort().pop() ?? '';
  const plain = join(dir, version, 'service-2.json');
  const text = existsSync(plain)
    ? readFileSync(plain, 'utf8')
    : gunzipSync(readFileSync(`${plain}.gz`)).toString('utf8');
  const model = JSON.parse(text) as ServiceModel;
  cache.set(service, model);
  return model;
}

export function shapeOf(model: ServiceModel, name: string): Shape {
  const s = model.shapes[name];
  if (s === undefined) throw new Error(`the model has no shape ${name}`);
  return s;
}

/**
 * Common errors any operation may return, from the AWS "Common Errors" pages of the
 * Organizations, IAM and STS API references and the awsJson/awsQuery protocol errors.
 */
export const COMMON_ERRORS: Record<'json' | 'query', readonly string[]> = {
  json: [
    'AccessDeniedException',
    'IncompleteSignature',
    'IncompleteSignatureException',
    'InternalFailure',
    'InvalidSignatureException',
    'MissingAuthenticationTokenException',
    'MissingAuthenticationToken',
    'UnrecognizedClientException',
    'ExpiredTokenException',
    'ThrottlingException',
    'ValidationException',
    'SerializationException',
    'UnknownOperationException',
    'ServiceUnavailable',
    'RequestExpired',
    'NotAuthorized',
    'OptInRequired',
  ],
  query: [
    'AccessDenied',
    'AccessDeniedException',
    'IncompleteSignature',
    'InternalFailure',
    'InvalidAction',
    'InvalidClientTokenId',
    'InvalidParameterCombination',
    'InvalidParameterValue',
    'InvalidQueryParameter',
    'MalformedQueryString',
    'MissingAction',
    'MissingAuthenticationToken',
    'MissingParameter',
    'NotAuthorized',
    'OptInRequired',
    'RequestExpired',
    'ServiceUnavailable',
    'SignatureDoesNotMatch',
    'Throttling',
    'ThrottlingException',
    'ValidationError',
    'ExpiredToken',
  ],
};

/** The wire error code of a modeled error shape: `error.code` when the model sets one, else the shape name. */
export function errorCode(model: ServiceModel, shapeName: string): string {
  return shapeOf(model, shapeName).error?.code ?? shapeName;
}

/** The error shape an operation declares for a wire code, if any. */
export function modeledError(model: ServiceModel, operation: string, code: string): string | undefined {
  const op = model.operations[operation];
  return op?.errors?.find((e) => errorCode(model, e.shape) === code)?.shape;
}
