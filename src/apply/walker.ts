import { ReadyQueue } from './ready-queue.js';

/** One node of the change graph, with the lane (service) that bounds its concurrency. */
export interface WalkNode<T> {
  id: string;
  dependsOn: readonly string[];
  lane: string;
  item: T;
}

export type WalkEvent =
  | { type: 'start'; id: string; attempt: number }
  | { type: 'retry'; id: string; attempt: number; delayMs: number; error: unknown }
  | { type: 'done'; id: string; elapsedMs: number }
  | { type: 'failed'; id: string; elapsedMs: number; error: unknown }
  | { type: 'skipped'; id: string; because: string };

/** A node's slot in its lane, which it may give back before it ends (its lane-bound work is over). */
export interface LaneLease {
  /** Frees the slot for the next node of the lane; a retry of this node then waits for a slot again. */
  release(): void;
}

export interface WalkOptions<T> {
  execute(node: WalkNode<T>, lease: LaneLease): Promise<void>;
  /** Most nodes of a lane in flight at once; lanes not listed get `defaultConcurrency`. */
  concurrency?: Record<string, number>;
  defaultConcurrency?: number;
  isRetryable?(error: unknown, node: WalkNode<T>): boolean;
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
  onEvent?(event: WalkEvent): void;
  /** Once aborted, nothing new starts (retries included); what runs is awaited. */
  signal?: AbortSignal;
}

export interface WalkResult {
  done: string[];
  failed: { id: string; error: unknown }[];
  skipped: { id: string; because: string }[];
  /** Nodes never started because the walk was cancelled. */
  notStarted: string[];
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs a dependency graph: a node starts once everything it depends on is done, at most N per
 * lane at a time. Retryable failures are retried with exponential backoff and full jitter; a
 * node that fails for good stops only its own branch: whatever depends on it is skipped.
 */
export async function walk<T>(nodes: readonly WalkNode<T>[], options: WalkOptions<T>): Promise<WalkResult> {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  for (const n of nodes) {
    for (const d of n.dependsOn) if (!byId.has(d)) throw new Error(`change ${n.id} depends on unknown change ${d}`);
  }
  const state = new Map<string, 'waiting' | 'running' | 'done' | 'failed' | 'skipped'>(
    nodes.map((n) => [n.id, 'waiting']),
  );
  // Each node's unfinished dependencies and its dependents: a finished node readies its dependents in
  // time proportional to their number, not to the size of the graph.
  const unfinished = nodes.map((n) => new Set(n.dependsOn).size);
  const dependents = new Map<string, number[]>();
  nodes.forEach((n, i) => {
    for (const d of new Set(n.dependsOn)) {
      const list = dependents.get(d);
      if (list) list.push(i);
      else dependents.set(d, [i]);
    }
  });
  const ready = new ReadyQueue();
  nodes.forEach((n, i) => {
    if (unfinished[i] === 0) ready.push(n.lane, i);
  });
  const inFlight = new Map<string, number>();
  const result: WalkResult = { done: [], failed: [], skipped: [], notStarted: [] };
  const limit = (lane: string) => options.concurrency?.[lane] ?? options.defaultConcurrency ?? 4;
  const random = options.random ?? Math.random;
  const sleep = options.sleep ?? realSleep;
  const maxAttempts = options.maxAttempts ?? 8;
  const emit = (e: WalkEvent) => options.onEvent?.(e);

  return new Promise<WalkResult>((resolve) => {
    let running = 0;
    const skipDependents = (id: string) => {
      for (const i of dependents.get(id) ?? []) {
        const n = nodes[i]!;
        if (state.get(n.id) === 'waiting') {
          state.set(n.id, 'skipped');
          const because = `${id} did not complete`;
          result.skipped.push({ id: n.id, because });
          emit({ type: 'skipped', id: n.id, because });
          skipDependents(n.id);
        }
      }
    };
    // Nodes that gave their slot back and retry: they get one before anything new of their lane starts.
    const reclaiming: { lane: string; take: () => void }[] = [];
    const run = async (node: WalkNode<T>) => {
      const started = Date.now();
      let held = true;
      const lease: LaneLease = {
        release() {
          if (!held) return;
          held = false;
          inFlight.set(node.lane, (inFlight.get(node.lane) ?? 1) - 1);
          pump();
        },
      };
      const reclaim = () =>
        held
          ? Promise.resolve()
          : new Promise<void>((take) => {
              reclaiming.push({ lane: node.lane, take });
              pump();
            }).then(() => {
              held = true;
            });
      try {
        await attempts(node, lease, reclaim, started);
      } finally {
        if (held) inFlight.set(node.lane, (inFlight.get(node.lane) ?? 1) - 1);
      }
    };
    const attempts = async (node: WalkNode<T>, lease: LaneLease, reclaim: () => Promise<void>, started: number) => {
      for (let attempt = 1; ; attempt++) {
        if (attempt > 1) await reclaim();
        emit({ type: 'start', id: node.id, attempt });
        try {
          await options.execute(node, lease);
          state.set(node.id, 'done');
          for (const i of dependents.get(node.id) ?? []) if (--unfinished[i]! === 0) ready.push(nodes[i]!.lane, i);
          result.done.push(node.id);
          emit({ type: 'done', id: node.id, elapsedMs: Date.now() - started });
          return;
        } catch (error) {
          const cancelled = options.signal?.aborted ?? false;
          if (!cancelled && attempt < maxAttempts && (options.isRetryable?.(error, node) ?? false)) {
            const cap = Math.min(options.maxDelayMs ?? 20_000, (options.baseDelayMs ?? 200) * 2 ** (attempt - 1));
            const delayMs = Math.round(random() * cap);
            emit({ type: 'retry', id: node.id, attempt, delayMs, error });
            await sleep(delayMs);
            if (options.signal?.aborted) {
              // Cancelled while waiting to retry: the failed attempt changed nothing; leave it.
              state.set(node.id, 'skipped');
              result.notStarted.push(node.id);
              return;
            }
            continue;
          }
          state.set(node.id, 'failed');
          result.failed.push({ id: node.id, error });
          emit({ type: 'failed', id: node.id, elapsedMs: Date.now() - started, error });
          skipDependents(node.id);
          return;
        }
      }
    };
    const hasRoom = (lane: string) => (inFlight.get(lane) ?? 0) < limit(lane);
    const pump = () => {
      for (let i = 0; i < reclaiming.length;) {
        const r = reclaiming[i]!;
        if (!hasRoom(r.lane)) {
          i++;
          continue;
        }
        reclaiming.splice(i, 1);
        inFlight.set(r.lane, (inFlight.get(r.lane) ?? 0) + 1);
        r.take();
      }
      for (;;) {
        if (options.signal?.aborted) break;
        const i = ready.popLowest(hasRoom);
        if (i === undefined) break;
        const node = nodes[i]!;
        if (state.get(node.id) !== 'waiting') continue;
        state.set(node.id, 'running');
        inFlight.set(node.lane, (inFlight.get(node.lane) ?? 0) + 1);
        running++;
        void run(node).then(() => {
          running--;
          pump();
        });
      }
      if (running === 0) {
        for (const [id, s] of state) {
          if (s !== 'waiting') continue;
          if (options.signal?.aborted) {
            result.notStarted.push(id);
            continue;
          }
          // Whatever still waits can never start: its dependencies form a cycle.
          state.set(id, 'skipped');
          result.skipped.push({ id, because: 'dependency cycle' });
        }
        resolve(result);
      }
    };
    pump();
  });
}
