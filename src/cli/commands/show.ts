import type { Command } from 'commander';
import { UsageError } from '../../core/errors.js';
import type { Terminal } from '../io.js';
import { ProgressIoHost } from '../render/progress.js';
import { addTargetOptions, targetOptions, type TargetFlags } from './target-options.js';

export function registerShow(program: Command, term: Terminal): void {
  addTargetOptions(
    program
      .command('show')
      .description('show the live organization: OUs, accounts with id, environment and state, attached SCPs')
      .option('--format <format>', 'tree, json or mermaid', 'tree'),
  ).action(async (flags: TargetFlags & { format: string }) => {
    if (!['tree', 'json', 'mermaid'].includes(flags.format))
      throw new UsageError(`--format must be tree, json or mermaid, not "${flags.format}"`);
    const { connect } = await import('../../toolkit/connect.js');
    const { refreshTree: refresh } = await import('../../toolkit/plan.js');
    const { organizationView, liveTree, mermaid, renderTree } = await import('../../toolkit/render.js');
    const io = new ProgressIoHost(term, 'plain');
    const connection = await connect(targetOptions(flags), flags.format === 'tree' ? io : undefined);
    try {
      const view = organizationView(await refresh(connection, { notify() {} }));
      if (flags.format === 'json') term.out(JSON.stringify(view, null, 2));
      else if (flags.format === 'mermaid') term.out(mermaid(view));
      else term.out(renderTree(liveTree(view)));
    } finally {
      await connection.close();
    }
  });
}
