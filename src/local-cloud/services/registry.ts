import type { Principal } from '../auth/credentials.js';
import type { ResolvedConfig } from '../config.js';
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
  config: ResolvedConfig;
  /** Runs the job named `kind` for `key` at time `at` (epoch ms). */
  schedule(job: Job): void;
}

/** Input is the decoded JSON body (awsJson1_1) or the decoded form (awsQuery, string leaves). */
export type Handler = (input: Record<string, unknown>, ctx: HandlerContext) => unknown;

/** A job runner receives a context whose principal is the service itself. */
export type JobRunner = (key: string, ctx: HandlerContext) => void;

export interface ServiceDefinition {
  /** Short name used in logs and for throttling keys. */
  name: 'organizations' | 'iam' | 'sts';
  protocol: 'json' | 'query';
  /** SigV4 signing name, the service in the credential scope. */
  signingName: string;
  /** awsJson1_1: the X-Amz-Target prefix. */
  targetPrefix?: string;
  /** awsQuery: the XML namespace and API version. */
  xmlNamespace?: string;
  apiVersion?: string;
  operations: Readonly<Record<string, Handler>>;
  jobs?: Readonly<Record<string, JobRunner>>;
  /** Jobs pending in a freshly loaded store, to re-arm after a restart. */
  pendingJobs?: (store: Store) => Job[];
  /** The error code for throttling and for an internal failure in this service. */
  throttleError: { code: string; message: string; status: number };
  internalError: { code: string; message: string; status: number };
}
