import type { Command } from 'commander';
import type { ExitCode } from '../exit-codes.js';
import type { Terminal } from '../io.js';
import { planStyle } from '../render/plan-style.js';
import { ProgressIoHost, progressMode } from '../render/progress.js';
import { requireValidSpec } from './spec-first.js';
import { addTargetOptions, targetOptions, type TargetFlags } from './target-options.js';

interface PlanFlags extends TargetFlags {
  file: string;
  out?: string;
  json?: boolean;
  detailedExitcode?: boolean;
  accessDiff?: boolean;
  baseline?: string;
}

export function registerPlan(program: Command, term: Terminal, setExit: (code: ExitCode) => void): void {
  addTargetOptions(
    program
      .command('plan')
      .description('compare org.yaml with the live organization and show what apply would change')
      .option('-f, --file <file>', 'the spec', 'org.yaml')
      .option('-o, --out <plan.json>', 'save the plan for `bulkhead apply plan.json`')
      .option('--json', 'print the plan as JSON')
      .option('--detailed-exitcode', 'exit 0 with no changes, 2 with changes, 1 on error')
      .option('--no-access-diff', 'do not compute what the plan changes in who can do what')
      .option(
        '--baseline <file>',
        'compare access with this spec (e.g. the one on your main branch) instead of the live organization',
      ),
  ).action(async (flags: PlanFlags) => {
    const { plan } = await import('../../toolkit/plan.js');
    const { writePlanFile } = await import('../../toolkit/plan.js');
    const { renderPlan, renderAccessDiff } = await import('../../toolkit/render.js');
    const io = new ProgressIoHost(term, flags.json ? 'plain' : progressMode(term, false));
    const model = await requireValidSpec(flags.file, io);
    const baseline = flags.baseline ? await requireValidSpec(flags.baseline, io, { quiet: true }) : undefined;
    const result = await plan({
      file: flags.file,
      model,
      target: targetOptions(flags),
      io,
      accessDiff: flags.accessDiff !== false,
      ...(baseline ? { baseline } : {}),
    });
    io.finish();
    const { access } = result;
    if (flags.out) writePlanFile(flags.out, result.plan);
    if (flags.json)
      term.out(
        JSON.stringify(
          { ...result.plan, ...(access ? { accessChanges: access.changes, accessGrants: access.grants ?? [] } : {}) },
          null,
          2,
        ),
      );
    else {
      term.out(`Target: ${result.target}\n`);
      term.out(renderPlan(result.plan.changes, result.plan.problems, planStyle(term.style), result.plan.notes));
      if (access) term.out(`\n${renderAccessDiff(access)}`);
      if (flags.out) term.out(`\nSaved the plan to ${flags.out}; apply it with \`bulkhead apply ${flags.out}\`.`);
    }
    const hasErrors = result.plan.problems.some((p) => p.severity === 'error');
    setExit(hasErrors ? 1 : flags.detailedExitcode && result.plan.changes.length > 0 ? 2 : 0);
  });
}
