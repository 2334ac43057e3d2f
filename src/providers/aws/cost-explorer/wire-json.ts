import { Readable } from 'node:stream';
import type { CostExplorerClient, GetCostAndUsageCommandOutput } from '@aws-sdk/client-cost-explorer';
import { lastStringField } from './json-scan.js';

/**
 * GetCostAndUsage pages are large (5,000 groups each; a year of daily costs for 1,000 accounts is 365,000), and the
 * SDK's generic schema-driven deserializer spends most of `bulkhead cost`'s CPU walking them. The answer is awsJson
 * with nothing to convert (dates are strings, no timestamps, no blobs), so its wire JSON already has the SDK output's
 * shape. For a request marked with `asText`, this middleware keeps a 200 answer's text as it came, hands the SDK a
 * `{}` to deserialize, and answers with the text and a guess at its NextPageToken (found from the end without reading
 * the page), so the caller can ask for the next page before it reads this one (and checks the guess once it has).
 * Any other request on the same (shared) client gets the SDK's own output. Requests, signing, retries and errors stay
 * the SDK's own.
 */
const WIRE = Symbol('bulkhead.wireJson');
const WANTS_TEXT = Symbol('bulkhead.wantsText');
const patched = new WeakSet<object>();
const textInputs = new WeakSet<object>();

/** Marks a GetCostAndUsage request whose answer is wanted as text (see wireText). */
export function asText<C extends { input: object }>(command: C): C {
  textInputs.add(command.input);
  return command;
}

/** A GetCostAndUsage answer as text: `wireText(output)` is the page to read; NextPageToken is the guess. */
const TEXT = Symbol('bulkhead.wireText');
export type CostAndUsagePage = GetCostAndUsageCommandOutput & { [TEXT]?: string };

/** The page's JSON text, when the middleware read it (a stand-in client answers with plain objects instead). */
export const wireText = (page: CostAndUsagePage): string | undefined => page[TEXT];

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

export function readCostAndUsageAsText(client: CostExplorerClient): void {
  if (patched.has(client)) return;
  patched.add(client);
  const stack = (client as unknown as Partial<Stack>).middlewareStack;
  // A stand-in without a middleware stack (recorded answers in tests) answers with plain objects already.
  if (stack === undefined) return;
  stack.add(
    (next, context) => async (args) => {
      const result = await next(args);
      if (context[WANTS_TEXT] !== true) return result;
      const response = result.response as { statusCode?: number; body?: unknown } | undefined;
      if (response?.statusCode !== 200 || response.body === undefined) return result;
      context[WIRE] = (await readAll(response.body)).toString('utf8');
      response.body = Readable.from([Buffer.from('{}')]);
      return result;
    },
    { step: 'deserialize', name: 'bulkheadWireJsonRead', priority: 'low' },
  );
  stack.add(
    (next, context) => async (args) => {
      const input = (args as { input?: unknown }).input;
      if (context.commandName !== 'GetCostAndUsageCommand' || typeof input !== 'object' || !textInputs.has(input!))
        return next(args);
      context[WANTS_TEXT] = true;
      const result = await next(args);
      const text = context[WIRE];
      if (typeof text !== 'string') return result;
      const metadata = (result.output as { $metadata?: unknown } | undefined)?.$metadata;
      const token = lastStringField(text, 'NextPageToken');
      return { ...result, output: { $metadata: metadata, ...(token ? { NextPageToken: token } : {}), [TEXT]: text } };
    },
    { step: 'initialize', name: 'bulkheadWireJsonOutput', priority: 'high' },
  );
}
