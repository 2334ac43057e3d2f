import type { ResolvedConfig } from './config.js';
import type { HandlerContext, Job, JobDefinition, ServiceDefinition } from './services/registry.js';
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
  private readonly jobs = new Map<string, JobDefinition>();

  constructor(
    private readonly store: Store,
    private readonly persistence: Persistence,
    private readonly config: ResolvedConfig,
    services: readonly ServiceDefinition[],
  ) {
    for (const s of services)
      for (const [kind, job] of Object.entries(s.jobs ?? {})) {
        if (this.jobs.has(kind)) throw new Error(`job kind ${kind} is declared by two services`);
        this.jobs.set(kind, job);
      }
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
    for (const [kind, job] of this.jobs)
      for (const { key, at } of job.pending(this.store)) this.schedule({ kind, key, at });
  }

  /** Runs, now, the pending jobs whose work would be lost with the process (`runOnClose`); then stops. */
  flushAndStop(): void {
    for (const [kind, job] of this.jobs)
      if (job.runOnClose === true) for (const { key, at } of job.pending(this.store)) this.run({ kind, key, at });
    this.stop();
  }

  private run(job: Job): void {
    if (this.stopped) return;
    const definition = this.jobs.get(job.kind);
    if (definition === undefined) return;
    const ctx: HandlerContext = {
      store: this.store,
      principal: SERVICE_PRINCIPAL,
      now: Date.now(),
      requestId: `job-${job.kind}-${job.key}`,
      region: this.config.region,
      config: this.config,
      schedule: (next) => this.schedule(next),
    };
    try {
      definition.run(job.key, ctx);
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
