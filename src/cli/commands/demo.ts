import type { Command } from 'commander';
import { templateOption } from './template-option.js';
import type { Terminal } from '../io.js';
import { ProgressIoHost, progressMode } from '../render/progress.js';

export function registerDemo(program: Command, term: Terminal): void {
  program
    .command('demo')
    .description('the guided tour: a template planned and applied on a fresh local cloud in a temporary folder')
    .addOption(templateOption('growth'))
    .option('--fast', 'make the local cloud create accounts near-instantly')
    .option('--json', 'print events as NDJSON')
    .action(async (opts: { template: string; fast?: boolean; json?: boolean }) => {
      const { demo } = await import('../../toolkit/demo.js');
      const { renderTree } = await import('../../toolkit/render.js');
      const io = new ProgressIoHost(term, progressMode(term, opts.json));
      try {
        const result = await demo({ template: opts.template, io, ...(opts.fast ? { fast: true } : {}) });
        io.finish();
        if (!opts.json) {
          term.out('');
          term.out(renderTree(result.tree));
          term.out('');
          term.out(
            `${term.style.green('✓')} demo finished in ${(result.elapsedMs / 1000).toFixed(1)}s: ${result.applied} changes applied, ${result.secondPlanChanges} left. The spec is ${result.file}.`,
          );
        }
      } finally {
        io.finish();
      }
    });
}
