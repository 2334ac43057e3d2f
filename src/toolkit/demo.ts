import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BulkheadError } from '../core/errors.js';
import type { IoHost } from '../core/events.js';
import { init } from './init.js';
import { organizationTree, type TreeNode } from './tree.js';
import { validate } from './validate.js';

export interface DemoOptions {
  template?: string;
  io: IoHost;
  dir?: string;
}

export interface DemoResult {
  file: string;
  tree: TreeNode;
  elapsedMs: number;
}

/** The guided tour: writes a template into a temporary folder, validates it and shows the organization. */
export async function demo(options: DemoOptions): Promise<DemoResult> {
  const started = Date.now();
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'bulkhead-demo-'));
  const file = join(dir, 'org.yaml');
  const template = options.template ?? 'growth';
  options.io.notify({ type: 'progress', id: 'init', message: `bulkhead init --template ${template} → ${file}`, state: 'start' });
  init({ template, file });
  options.io.notify({ type: 'progress', id: 'validate', message: `bulkhead validate -f ${file}`, state: 'start' });
  const result = await validate({ file, io: options.io });
  if (!result.model) throw new BulkheadError('demo-invalid', `the ${template} template did not validate`, { source: 'internal' });
  const tree = organizationTree(result.model);
  const elapsedMs = Date.now() - started;
  options.io.notify({ type: 'result', data: { file, accounts: result.model.accounts.size, organizationalUnits: result.model.organizationalUnits.size, elapsedMs } });
  return { file, tree, elapsedMs };
}
