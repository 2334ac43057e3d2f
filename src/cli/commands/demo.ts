import type { Command } from 'commander';
import { CliIoHost, type Terminal } from '../io.js';

export function registerDemo(program: Command, term: Terminal): void {
  program
    .command('demo')
    .description('walk through Bulkhead on a throw-away organization in a temporary folder')
    .option('-t, --template <name>', 'startup | growth | enterprise', 'growth')
    .option('--json', 'print events as NDJSON')
    .action(async (opts: { template: string; json?: boolean }) => {
      const { demo } = await import('../../toolkit/demo.js');
      const { renderTree } = await import('../../toolkit/tree.js');
      const result = await demo({ template: opts.template, io: new CliIoHost(term, opts.json === true) });
      if (!opts.json) {
        term.out('');
        term.out(renderTree(result.tree));
        term.out('');
        term.out(`${term.style.green('✓')} demo finished in ${result.elapsedMs} ms; the spec is in ${result.file}`);
      }
    });
}
