import type { Command } from 'commander';
import { templateOption } from './template-option.js';
import type { Terminal } from '../io.js';

function list(value: string): string[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

export function registerInit(program: Command, term: Terminal): void {
  program
    .command('init')
    .description('write a commented org.yaml from a template')
    .addOption(templateOption('startup'))
    .option('--name <name>', 'organization name (prefix of account names)')
    .option('--email-domain <domain>', 'domain for account root emails (aws+<env>@domain)')
    .option('--developers <names>', 'comma-separated developers; each gets a sandbox account', list)
    .option('--home-region <region>', 'home region (IAM Identity Center, trail)')
    .option('--business-units <names>', 'enterprise template: comma-separated business units', list)
    .option('-f, --file <file>', 'where to write the spec', 'org.yaml')
    .option('--force', 'overwrite an existing file')
    .action(
      async (opts: {
        template: string;
        name?: string;
        emailDomain?: string;
        developers?: string[];
        homeRegion?: string;
        businessUnits?: string[];
        file: string;
        force?: boolean;
      }) => {
        const { init } = await import('../../toolkit/init.js');
        const result = init(opts);
        term.out(
          `${term.style.green('✓')} wrote ${result.file} (${result.template} template) and ${result.schemaFile}`,
        );
        term.out(`next: review it, then run \`bulkhead validate -f ${result.file}\``);
      },
    );
}
