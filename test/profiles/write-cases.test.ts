import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BulkheadError } from '../../src/core/errors.js';
import { profiles, writeProfiles } from '../../src/toolkit/profiles/profiles.js';

/**
 * test/cases/profiles-write/<case>/: before.ini (absent: no file yet), input.json (who, which options, how
 * many runs and what each says), and after.ini (the exact bytes expected) or error.json ({code, message}: the
 * refusal, with the file left untouched). In after.ini, `<cases>` stands for this folder.
 */
const root = join(import.meta.dirname, '..', 'cases', 'profiles-write');

interface CaseInput {
  description: string;
  user: string;
  spec?: string;
  endpoint?: string;
  options?: { namePattern?: string; ssoStartUrl?: string; ssoSession?: string; credentialCommand?: string[] };
  /** The statuses of consecutive runs, e.g. ["created", "unchanged"]. */
  statuses?: string[];
  /** The file's mode before the run (octal string), to see it kept. */
  mode?: string;
}

const cases = readdirSync(root, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name);

async function run(dir: string, input: CaseInput, file: string) {
  const result = await profiles({
    file: join(root, input.spec ?? 'org.yaml'),
    user: input.user,
    from: 'spec',
    target: input.endpoint !== undefined ? { endpoint: input.endpoint, env: {} } : { target: 'aws', env: {} },
    ...(input.options ?? {}),
  });
  return writeProfiles(result, file);
}

describe('profiles --write cases', () => {
  it('has cases', () => expect(cases.length).toBeGreaterThan(8));

  it.each(cases)('%s', async (name) => {
    const dir = join(root, name);
    const input = JSON.parse(readFileSync(join(dir, 'input.json'), 'utf8')) as CaseInput;
    const work = mkdtempSync(join(tmpdir(), 'bulkhead-profiles-'));
    // A missing file also lacks its folder, as ~/.aws does on a new machine.
    const file = join(work, '.aws', 'config');
    const beforePath = join(dir, 'before.ini');
    const before = existsSync(beforePath) ? readFileSync(beforePath) : undefined;
    if (before !== undefined) {
      mkdirSync(dirname(file));
      writeFileSync(file, before);
      chmodSync(file, Number.parseInt(input.mode ?? '600', 8));
    }
    const errorPath = join(dir, 'error.json');
    if (existsSync(errorPath)) {
      const expected = JSON.parse(readFileSync(errorPath, 'utf8')) as { code: string; message: string };
      const caught = await run(dir, input, file).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(BulkheadError.is(caught), String(caught)).toBe(true);
      expect((caught as BulkheadError).code).toBe(expected.code);
      expect((caught as BulkheadError).message.replace(file, '<file>')).toBe(expected.message);
      expect((caught as BulkheadError).hint).toBeTruthy();
      // Refused: nothing written, no backup.
      if (before === undefined) expect(existsSync(file)).toBe(false);
      else expect(readFileSync(file).equals(before)).toBe(true);
      expect(existsSync(`${file}.bulkhead-backup`)).toBe(false);
      return;
    }
    const after = readFileSync(join(dir, 'after.ini'));
    const statuses = input.statuses ?? [before === undefined ? 'created' : 'updated'];
    for (const [i, status] of statuses.entries()) {
      const mtime = existsSync(file) ? statSync(file).mtimeMs : undefined;
      const written = await run(dir, input, file);
      expect(written.status, `run ${i + 1}`).toBe(status);
      // The spec is named by absolute path (credential_process runs anywhere); the cases write it <cases>.
      expect(readFileSync(file).toString('utf8').replaceAll(root, '<cases>')).toBe(after.toString('utf8'));
      if (status === 'unchanged') expect(statSync(file).mtimeMs).toBe(mtime);
    }
    const mode = statSync(file).mode & 0o777;
    if (before === undefined) {
      expect(mode).toBe(0o600);
      expect(statSync(dirname(file)).mode & 0o777).toBe(0o700);
      expect(existsSync(`${file}.bulkhead-backup`)).toBe(false);
    } else {
      expect(mode).toBe(Number.parseInt(input.mode ?? '600', 8));
      if (statuses.includes('updated')) {
        expect(readFileSync(`${file}.bulkhead-backup`).equals(before)).toBe(true);
        expect(statSync(`${file}.bulkhead-backup`).mode & 0o777).toBe(0o600);
      } else expect(existsSync(`${file}.bulkhead-backup`)).toBe(false);
    }
  });
});
