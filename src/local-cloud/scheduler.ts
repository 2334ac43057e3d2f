import type { ResolvedConfig } from './config.js';
import type { HandlerContext, Job, JobRunner, ServiceDefinition } from './services/registry.js';
import type { Persistence } from './store/persistence.js';
import type { Store } from './store/store.js';

/** The principal jobs run as: the service itself, acting on state it owns. */
const SERVICE_PRINCIPAL = {
  accountId: 'aws',
  arn: 'arn:aws:iam::aws:root',
  userId: 'aws',
  accessKeyId: 'internal',
  kind: 'root' as const,
};

/**
 * Runs deferred state changes at their time. Jobs live in state (the record says when it completes),
 * so after a restart `restore()` re-arms them from the store; overdue jobs run at once.
 */
export class JobScheduler {
  private readonly timers = new Set<NodeJS.Timeout>();
  private stopped = false;
  private readonly runners = new Map<string, JobRunner>();

  constructor(
    private readonly store: Store,
    private readonly persistence: Persistence,
    private readonly config: ResolvedConfig,
    private readonly services: readonly ServiceDefinition[],
  ) {
    for (const s of services) for (const [kind, run] of Object.entries(s.jobs ?? {})) this.runners.set(kind, run);
  }

  schedule(job: Job): void {
    if (this.stopped) return;
    const timer = setTimeout(
      () => {
        this.timers.delete(timer);
        this.run(job);
      },
      Math.max(0, job.at - Date.now()),
    );
    this.timers.add(timer);
  }

  restore(): void {
    for (const s of this.services) for (const job of s.pendingJobs?.(this.store) ?? []) this.schedule(job);
  }

  private run(job: Job): void {
    if (this.stopped) return;
    const runner = this.runners.get(job.kind);
    if (runner === undefined) return;
    const ctx: HandlerContext = {
      store: this.store,
      principal: SERVICE_PRINCIPAL,
      now: Date.now(),
      requestId: `job-${job.kind}-${job.key}`,
      config: this.config,
      schedule: (next) => this.schedule(next),
    };
    try {
      runner(job.key, ctx);
    } finally {
      this.persistence.commit(this.store.takePending(), this.store);
    }
  }

  stop(): void {
    this.stopped = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }
}
