/**
 * The nodes of a walk that may start, per lane, in plan order: a binary min-heap of node indices per
 * lane. The walker starts the lowest index first among the lanes that have room, so that the order
 * of starts is the plan's order whatever order dependencies finish in.
 */
export class ReadyQueue {
  private readonly heaps = new Map<string, number[]>();

  push(lane: string, index: number): void {
    let heap = this.heaps.get(lane);
    if (!heap) this.heaps.set(lane, (heap = []));
    heap.push(index);
    for (let i = heap.length - 1; i > 0;) {
      const parent = (i - 1) >> 1;
      if (heap[parent]! <= heap[i]!) break;
      [heap[parent], heap[i]] = [heap[i]!, heap[parent]!];
      i = parent;
    }
  }

  /** The lowest index among the lanes `hasRoom` accepts, removed; undefined when none. */
  popLowest(hasRoom: (lane: string) => boolean): number | undefined {
    let best: { lane: string; index: number } | undefined;
    for (const [lane, heap] of this.heaps) {
      const top = heap[0];
      if (top === undefined || !hasRoom(lane)) continue;
      if (best === undefined || top < best.index) best = { lane, index: top };
    }
    if (best === undefined) return undefined;
    const heap = this.heaps.get(best.lane)!;
    const last = heap.pop()!;
    if (heap.length > 0) {
      heap[0] = last;
      for (let i = 0; ;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && heap[l]! < heap[m]!) m = l;
        if (r < heap.length && heap[r]! < heap[m]!) m = r;
        if (m === i) break;
        [heap[m], heap[i]] = [heap[i]!, heap[m]!];
        i = m;
      }
    }
    return best.index;
  }
}
