/**
 * What a request was sent for, without AsyncLocalStorage: on Node 20 an AsyncLocalStorage that has run once
 * hooks every promise of the process, which cost a no-change plan of 100 accounts 5–10% of its CPU. A scope
 * travels with the command object instead: a scoped view of a client records the scope of each command it
 * sends, and the client's middleware finds it through the command instance the SDK puts in every handler
 * context.
 */
export interface SendScope {
  /** The apply change that sends the request: its retries are shown against it. */
  change?: string;
  /** Counts the requests sent (one per command, whatever the SDK's retries). */
  counter?: { calls: number };
}

/** The key the SDK (smithy) keeps its own context under, with `commandInstance` in it. */
const SMITHY_CONTEXT = '__smithy_context';

const scopes = new WeakMap<object, SendScope>();

/** The scope the command of a handler context was sent under, if any. */
export function scopeOf(context: object): SendScope | undefined {
  const smithy = (context as Record<string, { commandInstance?: object } | undefined>)[SMITHY_CONTEXT];
  const command = smithy?.commandInstance;
  return command === undefined ? undefined : scopes.get(command);
}

type Sender = { send(command: object, ...rest: unknown[]): Promise<unknown> };

/** The same client, whose `send` records `scope` for each command before the SDK handles it. */
export function scopedClient<C extends object>(client: C, scope: SendScope): C {
  const original = (client as unknown as Sender).send;
  if (typeof original !== 'function') return client;
  const send = (command: object, ...rest: unknown[]) => {
    scopes.set(command, scope);
    return original.call(client, command, ...rest);
  };
  // Other methods run on the client itself (the SDK's classes may keep private fields).
  const bound = new Map<PropertyKey, unknown>([['send', send]]);
  return new Proxy(client, {
    get(target, property) {
      if (bound.has(property)) return bound.get(property);
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      const method = (value as (...args: unknown[]) => unknown).bind(target);
      bound.set(property, method);
      return method;
    },
  });
}

/** What failed in one attempt: the retry strategy sees the error only. */
export interface AttemptFailure {
  command: string;
  change?: string;
}

const failures = new WeakMap<object, AttemptFailure>();

export function recordFailure(error: unknown, failure: AttemptFailure): void {
  if (typeof error === 'object' && error !== null) failures.set(error, failure);
}

export function failureOf(error: unknown): AttemptFailure | undefined {
  return typeof error === 'object' && error !== null ? failures.get(error) : undefined;
}
