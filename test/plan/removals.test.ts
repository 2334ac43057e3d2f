import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateSpecFile } from '../../src/config/validate.js';
import { stateOfTree } from '../../src/model/observed.js';
import { diff } from '../../src/plan/diff.js';
import { observedAfterApplying } from '../support/simulate-observed.js';

// What the plan snapshots cannot show: the order removals wait for, and the notes of what stays.
const CASES = join(import.meta.dirname, '..', 'cases', 'plan');

async function planOf(name: string) {
  const model = async (file: string) => (await validateSpecFile(join(CASES, name, file))).model!;
  return diff(await model('org.yaml'), stateOfTree(observedAfterApplying(await model('before.yaml'))));
}

describe('removals', () => {
  it('deletes an OU only after detaching policies from it (AWS drops them with the OU)', async () => {
    const { changes } = await planOf('delete-ou-after-detaching-scp');
    const deleteOu = changes.find((c) => c.kind === 'organizational-unit' && c.action === 'delete');
    expect(deleteOu?.dependsOn).toContain('detach:deny-leaving→ou:Sandbox');
  });

  it('keeps a dropped OU that still holds an account the spec no longer lists, and says so', async () => {
    const { changes, notes } = await planOf('drop-ou-that-holds-unlisted-account');
    expect(changes).toEqual([]);
    expect(notes.map((n) => [n.code, n.key])).toEqual(
      expect.arrayContaining([
        ['N-ACCOUNT-UNMANAGED', 'aws+sandbox@example.com'],
        ['N-OU-NOT-EMPTY', 'Sandbox'],
      ]),
    );
    expect(notes.find((n) => n.code === 'N-OU-NOT-EMPTY')?.message).toMatch(/still holds account "acme-sandbox"/);
  });
});
