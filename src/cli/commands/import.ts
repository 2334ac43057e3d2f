import { existsSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Command } from 'commander';
import { BulkheadError } from '../../core/errors.js';
import type { Terminal } from '../io.js';
import { ProgressIoHost, progressMode } from '../render/progress.js';
import { addTargetOptions, targetOptions, type TargetFlags } from './target-options.js';

interface ImportFlags extends TargetFlags {
  out: string;
  name?: string;
  homeRegion?: string;
  force?: boolean;
}

export function registerImport(program: Command, term: Terminal): void {
  addTargetOptions(
    program
      .command('import')
      .description(
        'write org.yaml from an existing organization (accounts adopted by id), so that plan shows no changes',
      )
      .option('-o, --out <file>', 'where to write the spec', 'org.yaml')
      .option('--name <name>', 'organization name for the spec')
      .option('--home-region <region>', 'home region for the spec')
      .option('--force', 'overwrite an existing file'),
  ).action(async (flags: ImportFlags) => {
    if (existsSync(flags.out) && !flags.force)
      throw new BulkheadError('import-exists', `${flags.out} already exists`, {
        hint: 'pass --force to overwrite it, or --out another file',
      });
    const { checkImportOptions, importSpec } = await import('../../toolkit/import.js');
    checkImportOptions({ ...(flags.homeRegion !== undefined ? { homeRegion: flags.homeRegion } : {}) });
    const { connect } = await import('../../toolkit/connect.js');
    const { refreshAll } = await import('../../toolkit/refresh.js');
    const { identityOf, organizationTree } = await import('../../model/observed.js');
    const { schemaText } = await import('../../toolkit/schema.js');
    const io = new ProgressIoHost(term, progressMode(term, false));
    const connection = await connect(targetOptions(flags), io);
    try {
      // Identity Center lives in the home region: --home-region, else the target's region, else where it is found.
      const state = await refreshAll(connection, io, flags.homeRegion);
      const observed = organizationTree(state);
      const identity = identityOf(state);
      io.finish();
      if (!observed.organization)
        throw new BulkheadError('import-no-organization', `there is no organization at the ${connection.description}`, {
          hint: 'start from a template instead: `bulkhead init`',
        });
      const homeRegion = flags.homeRegion ?? identity.center?.region;
      const { text, guesses, warnings } = importSpec(
        observed,
        { ...(flags.name ? { name: flags.name } : {}), ...(homeRegion ? { homeRegion } : {}) },
        identity,
      );
      // The JSON Schema beside the spec, as `init` writes it, so editors check and complete it.
      const schemaFile = join(dirname(flags.out), 'org.schema.json');
      writeFileSync(flags.out, text);
      writeFileSync(schemaFile, schemaText());
      term.out(
        `${term.style.green('✓')} wrote ${flags.out} and ${schemaFile}: ${guesses.length} accounts, ` +
          `${observed.organizationalUnits.length} OUs, ${observed.policies.filter((p) => !p.awsManaged).length} SCPs`,
      );
      term.out('\nEnvironments guessed from account names — confirm each in the spec:');
      for (const g of guesses)
        term.out(`  ${g.account.padEnd(32)} → ${g.environment} (${g.kind}${g.sure ? '' : ', no clue in the name'})`);
      if (identity.center)
        term.out(
          `\nIAM Identity Center (${identity.center.region}): ${identity.users.length} users, ${identity.groups.length} groups, ` +
            `${identity.permissionSets.length} permission sets, ${identity.assignments.length} assignments`,
        );
      for (const w of warnings) term.err(`${term.style.yellow('warning')}: ${w}`);
      term.out(
        `\nnext: \`bulkhead validate -f ${flags.out}\`, then \`bulkhead plan -f ${flags.out}\` should show no changes.`,
      );
    } finally {
      io.finish();
      await connection.close();
    }
  });
}
