import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

// ARCHITECTURE.md: dependencies point down only. Each layer may import the layers listed here.
const ALLOWED: Record<string, string[]> = {
  core: [],
  model: ['core'],
  iam: ['core'], // the IAM reference: actions, condition keys, managed policies, wildcards, policy grammar
  config: ['model', 'core', 'iam', 'guardrails'],
  guardrails: ['model', 'core', 'iam'], // the guardrail catalogue and the packing of guardrails into SCPs
  templates: ['model', 'core'],
  plan: ['model', 'core'],
  apply: ['model', 'core', 'plan'],
  access: ['model', 'core', 'iam'],
  check: ['model', 'core', 'access', 'iam'], // bulkhead check: rules over the model, the access view and the matrix
  providers: ['model', 'core', 'plan'], // applies plan changes: see docs/decisions/0002-providers-read-plan-types.md
  'local-cloud': ['access', 'core', 'model', 'iam'],
  toolkit: [
    'core',
    'model',
    'iam',
    'config',
    'templates',
    'plan',
    'apply',
    'access',
    'check',
    'providers',
    'local-cloud',
  ],
  cli: ['toolkit', 'core', 'model'],
  web: ['toolkit', 'core', 'model'],
};

const SRC = join(import.meta.dirname, '..', '..', 'src');

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : path.endsWith('.ts') ? [path] : [];
  });
}

function layerOf(file: string): string {
  const rel = relative(SRC, file);
  return rel.includes('/') ? rel.split('/')[0]! : '(root)';
}

describe('layering', () => {
  it('every import points down the layer stack', () => {
    const violations: string[] = [];
    for (const file of filesUnder(SRC)) {
      const from = layerOf(file);
      if (from === '(root)') continue; // src/index.ts re-exports the public API
      const allowed = ALLOWED[from];
      expect(allowed, `unknown layer ${from} (${file}): add it to ALLOWED`).toBeDefined();
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/(?:import|export)[^'"]*from\s+'(\.[^']+)'|import\(\s*'(\.[^']+)'\s*\)/g)) {
        const spec = m[1] ?? m[2]!;
        const target = layerOf(join(file, '..', spec));
        if (target !== from && !allowed!.includes(target))
          violations.push(`${relative(SRC, file)} imports ${spec} (${from} → ${target})`);
      }
    }
    expect(violations).toEqual([]);
  });
});
