import { describe, expect, it } from 'vitest';
import { TABLE_NAMES } from '../../src/local-cloud/services/all.js';
import type { SsoOperationRecord } from '../../src/local-cloud/services/sso-admin/tables.js';
import { defineIndex, Store } from '../../src/local-cloud/store/store.js';

const byStatus = defineIndex('ssoOperations', (o) => (o.status === 'IN_PROGRESS' ? o.permissionSetArn : undefined));

const op = (requestId: string, permissionSetArn: string, status: SsoOperationRecord['status']): SsoOperationRecord => ({
  requestId,
  kind: 'provision',
  instanceArn: 'arn:aws:sso:::instance/ssoins-0000000000000000',
  permissionSetArn,
  status,
  createdAt: 0,
  completesAt: 0,
});

const ids = (store: Store, key: string): string[] => [...store.lookup(byStatus, key).keys()];

describe('store indexes', () => {
  it('are built from what the table holds at the first lookup', () => {
    const store = new Store(TABLE_NAMES);
    store.put('ssoOperations', 'a', op('a', 'ps-1', 'IN_PROGRESS'));
    store.put('ssoOperations', 'b', op('b', 'ps-2', 'IN_PROGRESS'));
    store.put('ssoOperations', 'c', op('c', 'ps-1', 'SUCCEEDED'));
    expect(ids(store, 'ps-1')).toEqual(['a']);
    expect(ids(store, 'ps-2')).toEqual(['b']);
  });

  it('follow puts that move a record to another key or out of the index, and deletes', () => {
    const store = new Store(TABLE_NAMES);
    expect(ids(store, 'ps-1')).toEqual([]);
    store.put('ssoOperations', 'a', op('a', 'ps-1', 'IN_PROGRESS'));
    store.put('ssoOperations', 'b', op('b', 'ps-1', 'IN_PROGRESS'));
    expect(ids(store, 'ps-1')).toEqual(['a', 'b']);
    store.put('ssoOperations', 'a', op('a', 'ps-1', 'SUCCEEDED'));
    expect(ids(store, 'ps-1')).toEqual(['b']);
    store.put('ssoOperations', 'b', op('b', 'ps-2', 'IN_PROGRESS'));
    expect(ids(store, 'ps-1')).toEqual([]);
    expect(ids(store, 'ps-2')).toEqual(['b']);
    // An update that keeps the key keeps the record's place and shows the new record.
    store.put('ssoOperations', 'c', op('c', 'ps-2', 'IN_PROGRESS'));
    store.put('ssoOperations', 'b', { ...op('b', 'ps-2', 'IN_PROGRESS'), completesAt: 7 });
    expect(ids(store, 'ps-2')).toEqual(['b', 'c']);
    expect(store.lookup(byStatus, 'ps-2').get('b')?.completesAt).toBe(7);
    store.delete('ssoOperations', 'b');
    expect(ids(store, 'ps-2')).toEqual(['c']);
  });

  it('follow journal replay and are rebuilt after a snapshot load', () => {
    const store = new Store(TABLE_NAMES);
    expect(ids(store, 'ps-1')).toEqual([]);
    store.apply({ op: 'put', table: 'ssoOperations', key: 'a', value: op('a', 'ps-1', 'IN_PROGRESS') });
    expect(ids(store, 'ps-1')).toEqual(['a']);
    store.apply({ op: 'del', table: 'ssoOperations', key: 'a' });
    expect(ids(store, 'ps-1')).toEqual([]);
    store.load({ ssoOperations: [['z', op('z', 'ps-1', 'IN_PROGRESS')]] });
    expect(ids(store, 'ps-1')).toEqual(['z']);
  });
});
