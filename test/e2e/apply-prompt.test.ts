import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { init } from '../../src/toolkit/init.js';
import { ensureBuilt } from '../support/e2e/built-cli.js';

const ROOT = join(import.meta.dirname, '..', '..');

/** Answers apply's confirmation on a real pseudo-terminal (Python's pty module). */
function answerPrompt(answer: string): { code: number | null; screen: string } {
  const dir = mkdtempSync(join(tmpdir(), 'bulkhead-prompt-'));
  const file = join(dir, 'org.yaml');
  init({ template: 'startup', file });
  const cli = [process.execPath, join(ROOT, 'bin', 'bulkhead.js'), 'apply', '-f', file, '--data', join(dir, 'cloud')];
  const r = spawnSync('python3', [join(ROOT, 'test', 'support', 'pty_answer.py'), 'is accepted', answer, ...cli], {
    encoding: 'utf8',
    timeout: 90_000,
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: r.status, screen: r.stdout };
}

describe('the apply prompt on a terminal', () => {
  it.each([
    ['Ctrl-C', '\\x03', 130, /cancelled at the prompt \(Ctrl-C\); nothing was changed/],
    ['Ctrl-D', '\\x04', 1, /no answer \(end of input\); nothing was changed/],
    ['"no"', 'no\\r', 1, /apply cancelled; nothing was changed/],
  ])(
    '%s is a cancel with a message, never a crash',
    (_name, answer, code, message) => {
      ensureBuilt();
      const r = answerPrompt(answer);
      expect(r.screen).toMatch(/Plan: \d+ to create/);
      expect(r.screen).toMatch(message);
      expect(r.screen).not.toMatch(/internal error|bug in Bulkhead/);
      expect(r.code, r.screen).toBe(code);
    },
    90_000,
  );
});
