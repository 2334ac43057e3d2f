import type { CostExplorerClient } from '@aws-sdk/client-cost-explorer';
import { ListRootsCommand, ListTagsForResourceCommand, TagResourceCommand } from '@aws-sdk/client-organizations';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { costAllocationTagMarker } from '../../../src/model/cost-kinds.js';
import { emptyObservedState } from '../../../src/model/observed.js';
import { address } from '../../../src/model/kinds.js';
import type { ApplyContext } from '../../../src/providers/aws/provider.js';
import type { AwsClients } from '../../../src/providers/aws/clients.js';
import {
  costAllocationTagProvider,
  costAllocationTagsReader,
  listCostAllocationTags,
} from '../../../src/providers/aws/cost-explorer/cost-allocation-tags.js';
import type { KindChange } from '../../../src/plan/types.js';
import { makeOrganization, startCeHarness, type CeHarness } from '../../local-cloud/ce/harness.js';

// The provider and reader against the local cloud's Cost Explorer, through the real SDK client.
let h: CeHarness;
let rootId: string;
const sent: string[] = [];
let clients: AwsClients;

beforeAll(async () => {
  h = await startCeHarness('cost-tags');
  const [dev] = await makeOrganization(h, [
    { name: 'dev', environment: 'dev' },
    { name: 'prod', environment: 'prod' },
  ]);
  await h.org.send(new TagResourceCommand({ ResourceId: dev!, Tags: [{ Key: 'team', Value: 'platform' }] }));
  rootId = (await h.org.send(new ListRootsCommand({}))).Roots![0]!.Id!;
  const ce = {
    send: (command: { constructor: { name: string } }) => {
      sent.push(command.constructor.name);
      return (h.ce.send as (c: unknown) => Promise<unknown>)(command);
    },
  } as unknown as CostExplorerClient;
  clients = { organizations: h.org, client: () => ce } as unknown as AwsClients;
});
afterAll(async () => h.stop());

const ctx = (): ApplyContext => ({ clients, resolve: (r: { id?: string }) => r.id! }) as unknown as ApplyContext;
const activate = (key: string): KindChange<'cost-allocation-tag'> => ({
  id: `cost-allocation-tag:${key}`,
  kind: 'cost-allocation-tag',
  key,
  label: key,
  action: 'update',
  properties: [],
  payload: { action: 'update', key, status: 'Active', root: { address: address('organization', 'acme'), id: rootId } },
  dependsOn: [],
  destructive: false,
});
const rootTags = async () =>
  Object.fromEntries(
    ((await h.org.send(new ListTagsForResourceCommand({ ResourceId: rootId }))).Tags ?? []).map((t) => [
      t.Key,
      t.Value,
    ]),
  );

describe('cost-allocation-tag provider', () => {
  it('activates the keys of changes that start together in one call, marking each on the root', async () => {
    sent.length = 0;
    await Promise.all(['environment', 'team'].map((k) => costAllocationTagProvider.apply(activate(k), ctx())));
    expect(sent).toEqual(['UpdateCostAllocationTagsStatusCommand']);
    const listed = await listCostAllocationTags(h.ce);
    expect(listed.map((t) => [t.key, t.status])).toEqual([
      ['environment', 'Active'],
      ['team', 'Active'],
    ]);
    expect(await rootTags()).toMatchObject({
      [costAllocationTagMarker('environment')]: 'environment',
      [costAllocationTagMarker('team')]: 'team',
    });
  });

  it('fails only the change whose key Cost Explorer does not know', async () => {
    const [ok, bad] = await Promise.allSettled([
      costAllocationTagProvider.apply(activate('team'), ctx()),
      costAllocationTagProvider.apply(activate('project'), ctx()),
    ]);
    expect(ok.status).toBe('fulfilled');
    expect(bad).toMatchObject({ status: 'rejected', reason: { code: 'E-COST-TAG-UPDATE', source: 'aws' } });
  });

  it('deactivates a key and removes its mark', async () => {
    const marker = costAllocationTagMarker('team');
    await costAllocationTagProvider.apply(
      { ...activate('team'), payload: { action: 'update', key: 'team', status: 'Inactive', rootId, marker } },
      ctx(),
    );
    expect((await listCostAllocationTags(h.ce)).find((t) => t.key === 'team')?.status).toBe('Inactive');
    expect(await rootTags()).not.toHaveProperty(marker);
  });

  it('reads Cost Explorer only when the spec asks or the root holds marks', async () => {
    sent.length = 0;
    const unmarked = { ...emptyObservedState() };
    expect(await costAllocationTagsReader.read(clients, undefined, { prior: unmarked })).toEqual({
      'cost-allocation-tag': [],
    });
    expect(sent).toEqual([]);
    const read = await costAllocationTagsReader.read(clients, undefined, { prior: unmarked, costAllocationTags: true });
    expect(read['cost-allocation-tag']?.map((t) => t.key)).toEqual(['environment', 'team']);
    expect(sent).toEqual(['ListCostAllocationTagsCommand']);
  });
});
