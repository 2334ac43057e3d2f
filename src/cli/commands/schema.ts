import type { Command } from 'commander';
import type { Terminal } from '../io.js';

export function registerSchema(program: Command, term: Terminal): void {
  program
    .command('schema')
    .description('print the JSON Schema of org.yaml (for editor completion)')
    .option('-o, --out <file>', 'write to a file instead of standard output')
    .action(async (opts: { out?: string }) => {
      const { schemaText } = await import('../../toolkit/schema.js');
      const text = schemaText();
      if (!opts.out) {
        term.out(text.trimEnd());
        return;
      }
      const { writeFileSync } = await import('node:fs');
      writeFileSync(opts.out, text);
      term.out(`${term.style.green('✓')} wrote ${opts.out}`);
    });
}
