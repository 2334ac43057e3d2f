/**
 * Runs tasks that may add more tasks, at most `limit` at once, those of a lower rank first: a read that finds more
 * to read (an OU's children, a parent's accounts) queues it at once, so the endpoint is kept busy instead of
 * waiting at the end of each level. `done` settles once every task has ended; after a failure nothing new starts,
 * and it rejects with the first error once the tasks in flight have ended.
 */
export class WorkPool {
  private readonly queues: (() => Promise<void>)[][] = [];
  private running = 0;
  private failure: { error: unknown } | undefined;
  private settle: (() => void) | undefined;

  constructor(private readonly limit: number) {}

  add(rank: number, task: () => Promise<void>): void {
    (this.queues[rank] ??= []).push(task);
    this.pump();
  }

  done(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.settle = () => (this.failure ? reject(this.failure.error) : resolve());
      this.pump();
    });
  }

  private next(): (() => Promise<void>) | undefined {
    for (const queue of this.queues) if (queue?.length) return queue.shift();
    return undefined;
  }

  private pump(): void {
    while (this.running < this.limit && this.failure === undefined) {
      const task = this.next();
      if (task === undefined) break;
      this.running++;
      void task()
        .catch((error: unknown) => {
          this.failure ??= { error };
        })
        .finally(() => {
          this.running--;
          this.pump();
        });
    }
    if (this.running === 0 && (this.failure !== undefined || this.next() === undefined)) this.settle?.();
  }
}
