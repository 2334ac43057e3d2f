import { Readable } from 'node:stream';
import type { CostExplorerClient } from '@aws-sdk/client-cost-explorer';

/**
 * GetCostAndUsage pages are large (5,000 groups each; a year of daily costs for 1,000 accounts is 365,000), and the
 * SDK's generic schema-driven deserializer spends most of `bulkhead cost`'s CPU walking them. The answer is awsJson
 * with nothing to convert (dates are strings, no timestamps, no blobs), so its wire JSON already has the SDK output's
 * shape: this middleware hands a 200 answer to JSON.parse and the SDK a `{}` to deserialize, then puts the parsed
 * answer in as the output. Requests, signing, retries and errors stay the SDK's own.
 */
const WIRE = Symbol('bulkhead.wireJson');
const patched = new WeakSet<object>();

type Context = Record<string | symbol, unknown> & { commandName?: string };
type Next = (args: unknown) => Promise<{ output?: unknown; response?: unknown }>;
type Stack = {
  middlewareStack: {
    add(
      mw: (next: Next, context: Context) => Next,
      options: { step: 'initialize' | 'deserialize'; name: string; priority?: 'high' | 'low' },
    ): void;
  };
};

async function readAll(body: unknown): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of body as AsyncIterable<Buffer | string>)
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks);
}

export function parseCostAndUsageAsWireJson(client: CostExplorerClient): void {
  if (patched.has(client)) return;
  patched.add(client);
  const stack = (client as unknown as Partial<Stack>).middlewareStack;
  // A stand-in without a middleware stack (recorded answers in tests) answers with plain objects already.
  if (stack === undefined) return;
  stack.add(
    (next, context) => async (args) => {
      const result = await next(args);
      if (context.commandName !== 'GetCostAndUsageCommand') return result;
      const response = result.response as { statusCode?: number; body?: unknown } | undefined;
      if (response?.statusCode !== 200 || response.body === undefined) return result;
      context[WIRE] = JSON.parse((await readAll(response.body)).toString('utf8')) as unknown;
      response.body = Readable.from([Buffer.from('{}')]);
      return result;
    },
    { step: 'deserialize', name: 'bulkheadWireJsonRead', priority: 'low' },
  );
  stack.add(
    (next, context) => async (args) => {
      const result = await next(args);
      const wire = context[WIRE];
      if (wire === undefined || typeof wire !== 'object' || wire === null) return result;
      const metadata = (result.output as { $metadata?: unknown } | undefined)?.$metadata;
      return { ...result, output: { ...(wire as object), $metadata: metadata } };
    },
    { step: 'initialize', name: 'bulkheadWireJsonOutput', priority: 'high' },
  );
}
