// Test-only entry: runs `bulkhead local ...` from the build (dist/) without src/cli/main.ts.
import { Command } from 'commander';
import { registerLocalCommand } from '../../dist/cli/commands/local.js';

const program = new Command('bulkhead').exitOverride();
registerLocalCommand(program);
program.parseAsync(['node', 'bulkhead', ...process.argv.slice(2)]).catch((err) => {
  if (err && err.code === 'commander.helpDisplayed') return;
  console.error(err && err.message ? err.message : String(err));
  process.exitCode = 2;
});
