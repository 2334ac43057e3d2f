import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ListRootsCommand, ListTagsForResourceCommand } from '@aws-sdk/client-organizations';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClients, type AwsClients } from '../../src/providers/aws/clients.js';
import type { RetryNotice } from '../../src/providers/aws/retry-events.js';
import { callerAccountId } from '../../src/providers/aws/budgets/reader.js';

// A plain HTTP server that answers Organizations and STS: the first attempt of each ListTagsForResource is
// throttled, and every answer is held a little so that requests of different scopes are in flight together.
let server: Server;
let endpoint: string;
const attempts = new Map<string, number>();

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      setTimeout(() => {
        const target = String(req.headers['x-amz-target'] ?? '');
        if (target.endsWith('.ListTagsForResource')) {
          const n = (attempts.get(body) ?? 0) + 1;
          attempts.set(body, n);
          if (n === 1) {
            res.writeHead(400, { 'content-type': 'application/x-amz-json-1.1' });
            res.end(JSON.stringify({ __type: 'TooManyRequestsException', Message: 'slow down' }));
            return;
          }
          res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
          res.end(JSON.stringify({ Tags: [] }));
        } else if (target.endsWith('.ListRoots')) {
          res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
          res.end(JSON.stringify({ Roots: [] }));
        } else {
          res.writeHead(200, { 'content-type': 'text/xml' });
          res.end(
            '<GetCallerIdentityResponse><GetCallerIdentityResult><Account>111111111111</Account>' +
              '<Arn>arn:aws:iam::111111111111:root</Arn><UserId>x</UserId></GetCallerIdentityResult>' +
              '</GetCallerIdentityResponse>',
          );
        }
      }, 5);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

function clients(): AwsClients {
  return createClients(
    {
      kind: 'endpoint',
      endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
    },
    { maxAttempts: 3 },
  );
}

const tags = (c: AwsClients, id: string) => c.organizations.send(new ListTagsForResourceCommand({ ResourceId: id }));

describe('what a request is sent for, without AsyncLocalStorage', () => {
  it('counted counts the requests of its own view only, while others are in flight', async () => {
    const c = clients();
    try {
      const outside = Promise.all([
        c.sts.send(new GetCallerIdentityCommand({})),
        c.organizations.send(new ListRootsCommand({})),
        tags(c, 'ou-outside-1'),
      ]);
      const { value, calls } = await c.counted(async (view) => {
        await Promise.all([tags(view, 'ou-inside-1'), tags(view, 'ou-inside-2')]);
        await view.sts.send(new GetCallerIdentityCommand({}));
        return 'read';
      });
      await outside;
      expect(value).toBe('read');
      // Three commands through the view; the retries of the throttled ones are not counted again.
      expect(calls).toBe(3);
      expect(c.calls.get('ListTagsForResource')).toBe(3);
      expect(c.calls.get('GetCallerIdentity')).toBe(2);
    } finally {
      c.destroy();
    }
  });

  it('an SDK retry names the command and the change that sent it', async () => {
    const c = clients();
    const notices: RetryNotice[] = [];
    const stop = c.onRetry((n) => notices.push(n));
    try {
      await Promise.all([
        tags(c.forChange('change-a'), 'ou-a'),
        tags(c.forChange('change-b'), 'ou-b'),
        tags(c, 'ou-none'),
      ]);
    } finally {
      stop();
      c.destroy();
    }
    const seen = notices.map((n) => `${n.change ?? '-'} ${n.command} ${n.code}`).sort();
    expect(seen).toEqual([
      '- ListTagsForResource TooManyRequestsException',
      'change-a ListTagsForResource TooManyRequestsException',
      'change-b ListTagsForResource TooManyRequestsException',
    ]);
    for (const n of notices) expect(n.attempt).toBe(1);
  });

  it('a view hands out the same clients: its methods and config are theirs', async () => {
    const c = clients();
    try {
      const view = c.forChange('x');
      expect(view.organizations).not.toBe(c.organizations);
      expect(view.organizations.config).toBe(c.organizations.config);
      expect(view.organizations.middlewareStack).toBe(c.organizations.middlewareStack);
      expect(view.organizations).toBe(view.organizations);
      expect(view.homeRegion).toBe(c.homeRegion);
      // What is cached per connection is cached once for every view of it.
      expect(view.origin).toBe(c);
      expect(c.forChange('y').origin).toBe(c);
      const ids = await Promise.all([callerAccountId(view), callerAccountId(c.forChange('y')), callerAccountId(c)]);
      expect(ids).toEqual(['111111111111', '111111111111', '111111111111']);
      expect(c.calls.get('GetCallerIdentity')).toBe(1);
      view.destroy(); // a view destroys nothing: the clients still answer
      expect((await c.organizations.send(new ListRootsCommand({}))).Roots).toEqual([]);
    } finally {
      c.destroy();
    }
  });
});
