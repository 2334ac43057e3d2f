import type { Command } from 'commander';
import type { Terminal } from '../io.js';
import { summarizeDiagnostics, formatDiagnostic } from '../render/diagnostics.js';
import type { ExitCode } from '../exit-codes.js';

export function registerValidate(program: Command, term: Terminal, setExit: (code: ExitCode) => void): void {
  program
    .command('validate')
    .description('check org.yaml and report every problem, with file:line:column and a hint')
    .option('-f, --file <file>', 'the spec to validate', 'org.yaml')
    .option('--json', 'print { "diagnostics": [...] } as JSON')
    .action(async (opts: { file: string; json?: boolean }) => {
      const { validate } = await import('../../toolkit/validate.js');
      const result = await validate({ file: opts.file });
      const errors = result.diagnostics.some((d) => d.severity === 'error');
      if (opts.json) {
        term.out(JSON.stringify({ file: result.file, valid: !errors, diagnostics: result.diagnostics }, null, 2));
      } else {
        for (const d of result.diagnostics) term.err(formatDiagnostic(d, term.style));
        if (result.diagnostics.length > 0) term.err('');
        const summary = summarizeDiagnostics(result.diagnostics);
        if (errors) term.err(term.style.red(`${result.file}: ${summary}`));
        else
          term.out(
            `${term.style.green('✓')} ${result.file} is valid (${summary}; ${result.model?.accounts.size ?? 0} accounts, ${result.model?.organizationalUnits.size ?? 0} OUs)`,
          );
      }
      setExit(errors ? 1 : 0);
    });
}
