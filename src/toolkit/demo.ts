import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BulkheadError } from '../core/errors.js';
import { emit, say, type IoHost } from '../core/events.js';
import { startLocalCloud } from '../local-cloud/index.js';
import { renderPlan } from '../plan/render.js';
import { createClients } from '../providers/aws/clients.js';
import { apply } from './apply.js';
import type { Connection } from './connect.js';
import { init } from './init.js';
import { plan } from './plan.js';
import { liveTree, organizationView } from './show.js';
import { identityOf, organizationTree } from '../model/observed.js';
import { accessExcerpt, type AccessExcerptRow } from './access.js';
import { liveAccessOrg } from './access-source.js';
import { refresh } from './refresh.js';
import { developerDay, type DeveloperDay } from './demo-day.js';
import type { TreeNode } from './tree.js';
import { cost } from './cost/cost.js';
import type { CostReport } from './cost/report.js';

export interface DemoOptions {
  template?: string;
  io: IoHost;
  dir?: string;
  /** Passed to the local cloud, e.g. `fast` for tests. */
  fast?: boolean;
}

export interface DemoResult {
  dir: string;
  file: string;
  tree: TreeNode;
  applied: number;
  secondPlanChanges: number;
  /** Who can do what where, read back from the live organization and IAM Identity Center. */
  access: AccessExcerptRow[];
  /** alice signed in and exec'd into dev (templates with identity and a dev environment). */
  day?: DeveloperDay;
  /** This month so far by environment, from the local cloud's Cost Explorer (its synthetic bill). */
  cost: CostReport;
  elapsedMs: number;
}

/** The actions the demo asks about: reading and writing data, deleting a table, creating an IAM role. */
export const DEMO_ACTIONS = ['s3:GetObject', 's3:PutObject', 'dynamodb:DeleteTable', 'iam:CreateRole'];

function excerptLines(rows: readonly AccessExcerptRow[]): string {
  const width = Math.max(...rows.map((r) => `${r.group} in ${r.environment}`.length));
  return rows
    .map((r) => {
      const where = `${r.group} in ${r.environment}`.padEnd(width);
      const cells = DEMO_ACTIONS.map((a) => `${a} ${r.allowed.includes(a) ? 'yes' : 'no'}`).join(' · ');
      return `   ${where}  ${cells}${r.production ? '  [production]' : ''}`;
    })
    .join('\n');
}

function costLines(report: CostReport): string {
  const money = (n: number): string =>
    `$${n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
  const shown = [...report.groups].sort((a, b) => b.total - a.total).slice(0, 6);
  const width = Math.max(...shown.map((g) => g.name.length));
  const lines = shown.map((g) => {
    const top = g.topServices[0];
    return `   ${g.name.padEnd(width)}  ${money(g.total).padStart(11)}${top ? `  mostly ${top.service}` : ''}`;
  });
  const rest = report.groups.length - shown.length;
  if (rest > 0) lines.push(`   … and ${rest} more environments`);
  lines.push(
    `   ${'total'.padEnd(width)}  ${money(report.total).padStart(11)}  (${report.range.from} to ${report.range.to})`,
  );
  return lines.join('\n');
}

function dayLines(day: DeveloperDay): string {
  return [
    `   ${day.user} signed in through the device flow (code ${day.userCode}, approved on the local cloud; token in the demo folder)`,
    `   exec --stage ${day.stage} --profile ${day.profile}: account ${day.account.name} ${day.account.id} as ${day.arn}`,
    `   exec --stage ${day.refused.stage} with AWS_PROFILE=${day.profile}: refused, ${day.refused.message}`,
  ].join('\n');
}

/**
 * The guided tour, on a fresh local cloud in a temporary folder: write a template, plan, apply
 * with live progress (identity in IAM Identity Center included), show the organization as it now is and who can do
 * what where, and plan again to see nothing left.
 */
export async function demo(options: DemoOptions): Promise<DemoResult> {
  const started = Date.now();
  const { io } = options;
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'bulkhead-demo-'));
  const file = join(dir, 'org.yaml');
  const template = options.template ?? 'growth';
  say(io, 'demo.step', `1. bulkhead init --template ${template}: writes ${file}`);
  init({ template, file, force: true });
  const dataDir = join(dir, 'local-cloud');
  const cloud = await startLocalCloud({
    dataDir,
    port: 0,
    ...(options.fast ? { fast: true } : {}),
  });
  const target = {
    kind: 'local' as const,
    endpoint: cloud.endpoint,
    region: cloud.region,
    credentials: cloud.credentials,
  };
  const clients = createClients(target);
  const connection: Connection = {
    target,
    description: `local cloud at ${cloud.endpoint}`,
    clients,
    close: async () => clients.destroy(),
  };
  try {
    say(
      io,
      'demo.step',
      `2. bulkhead plan: against a fresh local cloud (${cloud.endpoint}, management account ${cloud.managementAccountId})`,
    );
    const first = await plan({ file, connection, io });
    say(io, 'demo.step', renderPlan(first.plan.changes, first.plan.problems, undefined, first.plan.notes));
    say(io, 'demo.step', '3. bulkhead apply: OUs first, up to 5 accounts created at once, guardrails attached last');
    const applied = await apply({ file, connection, io, yes: true });
    if (applied.failed.length > 0)
      throw new BulkheadError(
        'demo-apply-failed',
        `apply failed: ${applied.failed.map((f) => `${f.label}: ${f.message}`).join('; ')}`,
        { source: 'internal' },
      );
    say(io, 'demo.step', `applied ${applied.done.length} changes in ${(applied.elapsedMs / 1000).toFixed(1)}s`);
    const state = await refresh(connection, io);
    const tree = liveTree(organizationView(organizationTree(state)));
    let access: AccessExcerptRow[] = [];
    if (first.model.identity.assignments.length > 0) {
      const live = liveAccessOrg(organizationTree(state), identityOf(state), first.model, connection.description);
      // An excerpt: development and production, where the difference shows.
      const shown = new Set(['development', 'production']);
      access = (await accessExcerpt(live.org, live.resolver, DEMO_ACTIONS)).filter((r) =>
        shown.has(first.model.environments.get(r.environment)?.kind ?? ''),
      );
      say(
        io,
        'demo.step',
        `4. bulkhead access matrix --from live: who can do what where, with identity from IAM Identity Center\n${excerptLines(access)}`,
      );
    }
    let day: DeveloperDay | undefined;
    const model = first.model;
    if (access.length > 0 && model.environments.has('dev') && model.identity.users.has('alice')) {
      day = await developerDay({
        dir,
        file,
        model,
        accounts: state.account,
        endpoint: cloud.endpoint,
        region: cloud.region,
        dataDir,
        io,
      });
      say(
        io,
        'demo.step',
        `5. a developer's day: bulkhead login, then bulkhead exec --stage ${day.stage}\n${dayLines(day)}`,
      );
    }
    let step = access.length > 0 ? (day ? 6 : 5) : 4;
    // Last month, monthly: one Cost Explorer request, services included (this month may have no closed day yet).
    const today = new Date();
    const from = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - 1, 1)).toISOString().slice(0, 10);
    const to = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), 0)).toISOString().slice(0, 10);
    const report = await cost({ connection, io, model, from, to, granularity: 'monthly' });
    say(
      io,
      'demo.step',
      `${step}. bulkhead cost --from ${from} --to ${to}: what each environment cost last month (the local cloud's synthetic bill)\n${costLines(report)}`,
    );
    step += 1;
    say(io, 'demo.step', `${step}. bulkhead plan, again:`);
    const second = await plan({ file, connection, io });
    say(io, 'demo.step', renderPlan(second.plan.changes, second.plan.problems, undefined, second.plan.notes));
    const result = {
      dir,
      file,
      tree,
      applied: applied.done.length,
      secondPlanChanges: second.plan.changes.length,
      access,
      ...(day ? { day } : {}),
      cost: report,
      elapsedMs: Date.now() - started,
    };
    emit(io, { type: 'result', code: 'demo.result', data: { ...result, tree: undefined } });
    return result;
  } finally {
    await connection.close();
    await cloud.close();
  }
}
