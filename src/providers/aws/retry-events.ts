import { failureOf } from './send-scope.js';

/** An SDK retry about to happen: what failed and how long the SDK waits before the next attempt. */
export interface RetryNotice {
  command: string;
  /** The apply change the request was sent for (AwsClients.forChange), if any. */
  change?: string;
  /** The AWS error code (ThrottlingException, InternalFailure, …) or the network error. */
  code: string;
  /** THROTTLING, TRANSIENT, SERVER_ERROR or CLIENT_ERROR, as the SDK classifies it. */
  errorType: string;
  attempt: number;
  delayMs: number;
}

interface RetryToken {
  getRetryCount(): number;
  getRetryDelay(): number;
}

interface RetryStrategyV2 {
  acquireInitialRetryToken(scope: string): Promise<RetryToken>;
  refreshRetryTokenForRetry(
    token: RetryToken,
    info: { errorType: string; error?: { name?: string; code?: string } },
  ): Promise<RetryToken>;
  recordSuccess(token: RetryToken): void;
}

type Configured = { config: { retryStrategy: () => Promise<RetryStrategyV2> } };

/**
 * Makes the SDK's own retries visible: the client's retry strategy (the one retry policy for
 * throttling, 5xx and network errors) is wrapped so each retry is reported before its wait.
 * Its command and change come from the middleware that marks each failed attempt (clients.ts).
 */
export function reportRetries(client: unknown, listener: (notice: RetryNotice) => void): void {
  const config = (client as Configured).config;
  const original = config.retryStrategy;
  let wrapped: RetryStrategyV2 | undefined;
  config.retryStrategy = async () => {
    if (wrapped) return wrapped;
    const inner = await original();
    if (typeof inner.refreshRetryTokenForRetry !== 'function') return inner;
    wrapped = {
      acquireInitialRetryToken: (scope) => inner.acquireInitialRetryToken(scope),
      recordSuccess: (token) => inner.recordSuccess(token),
      async refreshRetryTokenForRetry(token, info) {
        const next = await inner.refreshRetryTokenForRetry(token, info);
        const code = info.error?.name ?? info.error?.code ?? info.errorType;
        const failure = failureOf(info.error);
        const notice = { command: failure?.command ?? 'unknown', code, errorType: info.errorType };
        const change = failure?.change !== undefined ? { change: failure.change } : {};
        listener({ ...notice, ...change, attempt: next.getRetryCount(), delayMs: next.getRetryDelay() });
        return next;
      },
    };
    return wrapped;
  };
}
