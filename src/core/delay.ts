/** A wait as people read it: `250 ms`, `1.2s`, `12s`. */
export const formatDelay = (ms: number): string =>
  ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)}s`;
