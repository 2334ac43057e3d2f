import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GUARDRAILS } from '../../src/guardrails/catalogue/index.js';
import { CONTEXT } from './sample-parameters.js';

const repo = join(import.meta.dirname, '..', '..');

/** The parameter names a guardrail takes, as its own unknown-parameter hint lists them. */
function parameterNames(name: string): string[] {
  const parsed = GUARDRAILS.get(name)!.parse({ notAParameter: true }, CONTEXT);
  const hint = parsed.ok ? '' : (parsed.problems.find((p) => p.path[0] === 'notAParameter')?.hint ?? '');
  const listed = /takes (.*)$/.exec(hint)?.[1] ?? '';
  return [...listed.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);
}

describe('guardrail doc pages', () => {
  it.each([...GUARDRAILS.keys()])('%s has its page, naming every parameter, linked from the index', (name) => {
    const g = GUARDRAILS.get(name)!;
    expect(existsSync(join(repo, g.docPage)), g.docPage).toBe(true);
    const page = readFileSync(join(repo, g.docPage), 'utf8');
    expect(page).toContain(`# ${name}`);
    expect(page).toContain(`use: ${name}`);
    for (const p of parameterNames(name)) expect(page, p).toContain(`\`${p}\``);
    const index = readFileSync(join(repo, 'docs', 'guardrails', 'README.md'), 'utf8');
    expect(index).toContain(`](${name}.md)`);
  });

  it('finds the parameters of a guardrail that has some', () => {
    expect(parameterNames('allowed-regions')).toEqual(['regions', 'exemptRoles']);
  });
});
