import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { Terminal } from '../io.js';

interface LoginFlags {
  profile?: string;
  ssoSession?: string;
  browser?: boolean;
  json?: boolean;
  endpoint?: string;
  data: string;
}

/** Best effort, as `aws sso login` does: the URL and code are printed either way. */
function openBrowser(url: string): void {
  const opener = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  const child = spawn(opener, [url], { stdio: 'ignore', detached: true });
  child.on('error', () => {});
  child.unref();
}

export function registerLogin(program: Command, term: Terminal): void {
  program
    .command('login')
    .description('sign in through IAM Identity Center (device flow) and cache the token where the AWS CLI does')
    .option('--profile <name>', 'a profile with sso_session (AWS_PROFILE works too)')
    .option('--sso-session <name>', 'the sso-session (default: the one Bulkhead generated, or the only one)')
    .option('--no-browser', 'only print the URL and code, do not open a browser')
    .option('--json', 'print { session, startUrl, cacheFile, expiresAt } as JSON when signed in')
    .option('--endpoint <url>', 'the SSO OIDC endpoint (a local cloud elsewhere); AWS_ENDPOINT_URL sets the default')
    .option('--data <dir>', 'local cloud data folder', '.bulkhead/local-cloud')
    .action(async (flags: LoginFlags) => {
      const { login } = await import('../../toolkit/sso/login.js');
      const { findRunningLocalCloud } = await import('../../toolkit/local-cloud.js');
      const local = findRunningLocalCloud(resolve(flags.data));
      const endpoint = flags.endpoint ?? (process.env['AWS_ENDPOINT_URL'] || undefined) ?? local?.endpoint;
      const result = await login({
        ...(flags.profile ? { profile: flags.profile } : {}),
        ...(flags.ssoSession ? { ssoSession: flags.ssoSession } : {}),
        ...(endpoint ? { endpoint } : {}),
        onCode(code) {
          // stderr: with --json, stdout keeps only the result.
          term.err(`Open ${code.verificationUriComplete ?? code.verificationUri} and enter the code ${code.userCode}`);
          if (endpoint && code.verificationUri.startsWith(endpoint))
            term.err(`On the local cloud, approve it with: bulkhead local sign-in <user> ${code.userCode}`);
          if (flags.browser !== false && term.isTty) openBrowser(code.verificationUriComplete ?? code.verificationUri);
        },
      });
      if (flags.json) term.out(JSON.stringify(result));
      else
        term.out(
          `${term.style.green('✓')} signed in to sso-session ${result.session}; the token is valid until ${result.expiresAt}`,
        );
    });
}
