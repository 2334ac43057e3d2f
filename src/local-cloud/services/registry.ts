import type { NamedPolicy } from '../../access/index.js';
import type { Principal } from '../auth/credentials.js';
import type { ResolvedConfig } from '../config.js';
import type { AwsApiError } from '../errors.js';
import type { RestBindings } from '../protocols/rest-json.js';
import type { RestXmlRequest } from '../protocols/rest-xml.js';
import type { TableName } from '../store/state.js';
import type { Store } from '../store/store.js';

/** A deferred state change (CreateAccount completing, an account finishing closure) that survives restarts. */
export interface Job {
  kind: string;
  key: string;
  at: number;
}

export interface HandlerContext {
  store: Store;
  principal: Principal;
  now: number;
  requestId: string;
  /** The region the call addresses: the SigV4 scope's (us-east-1 for a global service); the server's for jobs. */
  region: string;
  config: ResolvedConfig;
  /** The local cloud's own endpoint (`http://127.0.0.1:<port>`), once it listens. */
  endpoint?: string;
  /** Runs the job named `kind` for `key` at time `at` (epoch ms). */
  schedule(job: Job): void;
}

/** Input is the decoded JSON body (awsJson1_1) or the decoded form (awsQuery, string leaves). */
export type Handler = (input: Record<string, unknown>, ctx: HandlerContext) => unknown;

/** What a resource resolver sees: the store and the caller's account (IAM resources live there). */
export interface ResourceEnv {
  store: Store;
  accountId: string;
}

/**
 * The ARN an operation is authorized against, as in the Service Authorization Reference: the first
 * required resource type, or `*` where the action has none. Built from the input before the entity is
 * looked up, because AWS authorizes before it validates.
 */
export type ResourceResolver = (input: Record<string, unknown>, env: ResourceEnv) => string;

/** AWS: "No permissions are required to perform this operation" (an explicit deny does not stop it). */
export const NO_PERMISSION_REQUIRED = 'none';

export interface Operation {
  handler: Handler;
  /** The resource `<signingName>:<Operation>` is authorized against, or NO_PERMISSION_REQUIRED. */
  resource: ResourceResolver | typeof NO_PERMISSION_REQUIRED;
  /** The IAM action when it is not `<signingName>:<Operation>` (S3: HeadBucket is `s3:ListBucket`). */
  action?: string | ((input: Record<string, unknown>) => string);
}

/** The resource-based policy of the resource a call addresses, and the account that owns it (S3 bucket policies). */
export interface ResourceOwner {
  accountId: string;
  policy?: NamedPolicy;
}

/** Any resource (`*`): the action has no required resource type. */
export const ANY_RESOURCE: ResourceResolver = () => '*';

/** A job runner receives a context whose principal is the service itself. */
export type JobRunner = (key: string, ctx: HandlerContext) => void;

export interface JobDefinition {
  run: JobRunner;
  /** Run at once when the local cloud closes, if pending (work kept only in memory, e.g. CloudTrail's delivery). */
  runOnClose?: boolean;
  /** The jobs of this kind pending in a freshly loaded store, to re-arm after a restart. */
  pending(store: Store): { key: string; at: number }[];
}

export interface ErrorShape {
  code: string;
  message: string;
  status: number;
}

/** A restJson1 operation's address: METHOD + PATH, and where its members travel outside the body. */
export interface RestRoute extends RestBindings {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** The model's requestUri: literal segments and `{Label}` segments bound to the member of that name. */
  path: string;
  operation: string;
}

/**
 * One API call as the dispatcher saw it, success or failure, handed to the services that record calls (CloudTrail
 * delivers them as events). Secrets in `input` are the observer's to redact: it is the decoded request as sent.
 */
export interface ObservedCall {
  time: number;
  requestId: string;
  /** The service's short name (`iam`), and its signing name (`iam`; CloudTrail's eventSource is `<it>.amazonaws.com`). */
  service: string;
  signingName: string;
  operation: string;
  /** The region the call was judged in (us-east-1 for a global service). */
  region: string;
  /** Undefined when authentication failed; an unsigned service's caller has an empty account. */
  principal: Principal | undefined;
  sourceIp: string;
  userAgent: string;
  input: Record<string, unknown>;
  status: number;
  /** The AWS error code and message of a failed call. */
  errorCode?: string;
  errorMessage?: string;
}

export interface ServiceDefinition<Name extends string = string> {
  /** Short name used in logs, throttling keys and the action prefix (`iam:CreateRole`). */
  name: Name;
  protocol: 'json' | 'query' | 'rest-json' | 'rest-xml';
  /** SigV4 signing name, the service in the credential scope. */
  signingName: string;
  /**
   * A global service (IAM, Organizations): AWS serves it from us-east-1 and judges `aws:RequestedRegion`
   * as `us-east-1` whatever region the client signed with.
   */
  global: boolean;
  /** Whether `x-amz-content-sha256: UNSIGNED-PAYLOAD` is accepted (AWS: S3 only). */
  unsignedPayload: boolean;
  /** awsJson1_1: the X-Amz-Target prefix. */
  targetPrefix?: string;
  /**
   * awsJson1_1: other prefixes AWS answers for the same service, where its clients disagree (CloudTrail: botocore
   * sends `com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101`, SDK v3 the Smithy service name
   * `CloudTrail_20131101`).
   */
  targetPrefixAliases?: readonly string[];
  /** awsJson: the content type's version (`application/x-amz-json-1.0` for CloudWatch); 1.1 unless said. */
  jsonVersion?: '1.0' | '1.1';
  /**
   * Also answers Smithy RPC v2 CBOR at `POST /service/<targetPrefix>/operation/<Operation>` (CloudWatch: botocore
   * sends CBOR, SDK v3 awsJson1_0, both to the same operations).
   */
  rpcV2Cbor?: boolean;
  /**
   * awsQueryCompatible (a former awsQuery service answering JSON/CBOR): error code → the `x-amzn-query-error` header
   * (`<query code>;<Sender|Receiver>`) clients map back to the modelled error.
   */
  awsQueryErrors?: Readonly<Record<string, string>>;
  /** awsQuery: the XML namespace and API version. */
  xmlNamespace?: string;
  apiVersion?: string;
  /** restJson1: the operations' routes. */
  routes?: readonly RestRoute[];
  /**
   * restXml (S3, routed by the SigV4 scope's service): the operation and input of a request; undefined operation
   * when none matches. Throws AwsApiError for a request it cannot read (MalformedXML…).
   */
  restXmlRoute?: (req: RestXmlRequest) => { operation: string | undefined; input: Record<string, unknown> };
  /**
   * The owner and resource-based policy of the resource a call addresses (S3: the bucket and its policy): a caller of
   * another account is then allowed only if that policy allows it, as AWS judges cross-account requests.
   */
  resourceOwner?: (operation: string, input: Record<string, unknown>, store: Store) => ResourceOwner | undefined;
  /**
   * Unsigned (`smithy.api#noAuth` in the model: SSO OIDC, the SSO portal): no SigV4 is checked, an Authorization
   * header is ignored, and no IAM policy is evaluated; the handlers authenticate the caller themselves.
   */
  noAuth?: boolean;
  /** restJson1: the error for a body that is not a JSON object, when the service does not answer InvalidRequestException. */
  malformedBody?: ErrorShape;
  /** restJson1: the error body the model's error shapes declare (`{"error",…}` or `{"message"}`). */
  restErrorBody?: (err: AwsApiError) => Record<string, unknown>;
  operations: Readonly<Record<string, Operation>>;
  /** The store tables this service owns (declared in its `tables.ts`). */
  tables: readonly TableName[];
  /**
   * Those of its tables kept in memory only (not journaled, not in snapshots): records written on every call, whose
   * fsync would make reads touch the disk (CloudTrail's event history and delivery queue).
   */
  volatileTables?: readonly TableName[];
  /** Background jobs by kind; kinds are unique across services. */
  jobs?: Readonly<Record<string, JobDefinition>>;
  /**
   * A throttle shared by every operation of the service (per account), where AWS documents one collective rate
   * (IAM Identity Center: 20 TPS); without it each operation has its own bucket.
   */
  collectiveThrottle?: { ratePerSecond: number; burst: number };
  /** The error code for throttling and for an internal failure in this service. */
  throttleError: ErrorShape;
  internalError: ErrorShape;
  /**
   * Called after every API call of every service (not the loopback sign-in routes), after the call's own changes are
   * persisted; what it writes is persisted next. It must not throw: a failure to record never fails the call.
   */
  observeCalls?: (call: ObservedCall, ctx: HandlerContext) => void;
  /** The error for a denied call when the service does not word it IAM's way (`User: … is not authorized …`). */
  accessDenied?: () => AwsApiError;
}

/** Keeps the literal service name, so the service-name type can derive from the list of services. */
export function defineService<const Name extends string>(def: ServiceDefinition<Name>): ServiceDefinition<Name> {
  return def;
}
