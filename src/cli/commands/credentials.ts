import type { Command } from 'commander';
import type { Terminal } from '../io.js';
import { addStageOptions, productionGuard, stageRequest, type StageFlags } from './stage-options.js';

/** For `credential_process = bulkhead credentials --stage ENV`: the AWS CLI's process-credentials JSON, version 1. */
export function registerCredentials(program: Command, term: Terminal): void {
  addStageOptions(
    program
      .command('credentials')
      .description("print credentials for one environment's account as credential_process JSON (Version 1)"),
  ).action(async (flags: StageFlags) => {
    const { stageCredentials } = await import('../../toolkit/exec/stage-credentials.js');
    // stdout is the JSON the AWS CLI or SDK reads; nothing else may go there.
    const io = { notify() {} };
    const got = await stageCredentials({ ...stageRequest(flags), io, confirmProduction: productionGuard(flags, term) });
    const c = got.credentials;
    term.out(
      JSON.stringify({
        Version: 1,
        AccessKeyId: c.accessKeyId,
        SecretAccessKey: c.secretAccessKey,
        ...(c.sessionToken ? { SessionToken: c.sessionToken } : {}),
        ...(c.expiration ? { Expiration: c.expiration.toISOString() } : {}),
      }),
    );
  });
}
