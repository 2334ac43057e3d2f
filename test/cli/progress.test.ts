import { describe, expect, it } from 'vitest';
import { createTerminal } from '../../src/cli/io.js';
import { ProgressIoHost } from '../../src/cli/render/progress.js';
import { FakeClock } from './fake-clock.js';
import { FakeTty } from './fake-tty.js';
import { captureStream } from './run-cli.js';

const long = (i: number) =>
  `create account acme-workload-${i}-payments-platform-production-eu-west-1 in Workloads/Prod`;

/** The events of a 34-change apply, five steps at a time, with updates and redraws in between. */
function apply34(host: ProgressIoHost, clock: FakeClock): void {
  for (let first = 0; first < 34; first += 5) {
    const batch = Array.from({ length: Math.min(5, 34 - first) }, (_, k) => first + k);
    for (const i of batch)
      host.notify({
        code: 'refresh.progress',
        level: 'info',
        time: '',
        seq: 0,
        type: 'progress',
        id: `a${i}`,
        message: long(i),
        state: 'start',
      });
    clock.advance(1000);
    for (const i of batch)
      host.notify({
        code: 'refresh.progress',
        level: 'info',
        time: '',
        seq: 0,
        type: 'progress',
        id: `a${i}`,
        message: `${long(i)}: status IN_PROGRESS`,
        state: 'running',
      });
    clock.advance(3000);
    for (const i of batch)
      host.notify({
        code: 'refresh.progress',
        level: 'info',
        time: '',
        seq: 0,
        type: 'progress',
        id: `a${i}`,
        message: long(i),
        state: 'done',
      });
  }
  host.finish();
}

describe('live progress on a terminal', () => {
  it('at 80 columns a 34-change apply leaves the 34 result lines and nothing else', () => {
    const tty = new FakeTty(80, 24);
    const term = createTerminal({ stdout: captureStream(false), stderr: tty, env: {} });
    const clock = new FakeClock();
    apply34(new ProgressIoHost(term, 'live', { clock }), clock);
    const screen = tty.screen();
    // Each result line is longer than 80 columns, so it wraps onto a second row.
    expect(screen.filter((l) => l.startsWith('✓ create account'))).toHaveLength(34);
    expect(screen.length).toBeLessThanOrEqual(34 * 2);
    expect(screen.filter((l) => l.startsWith('…') || /running$/.test(l))).toEqual([]);
    // Redraws (every 200 ms over 28 s) stay redraws: cursor movement and SGR, not hundreds of copies.
    expect(tty.escapes).toBeGreaterThan(100);
  });

  it('every line of the live block fits the width (one column spare), cut with an ellipsis', () => {
    const tty = new FakeTty(40, 24);
    const term = createTerminal({ stdout: captureStream(false), stderr: tty, env: {} });
    const host = new ProgressIoHost(term, 'live', { clock: new FakeClock() });
    host.notify({
      code: 'refresh.progress',
      level: 'info',
      time: '',
      seq: 0,
      type: 'progress',
      id: 'x',
      message: long(1),
      state: 'start',
    });
    expect(tty.screen()).toEqual(['… create account acme-workload-1-payme…', '0 done, 0 failed, 1 running']);
    host.finish();
    expect(tty.screen()).toEqual([]);
  });

  it('a block taller than the screen is summed up, so the redraw can reach its top', () => {
    const tty = new FakeTty(80, 10);
    const term = createTerminal({ stdout: captureStream(false), stderr: tty, env: {} });
    const host = new ProgressIoHost(term, 'live', { clock: new FakeClock() });
    for (let i = 0; i < 20; i++)
      host.notify({
        code: 'refresh.progress',
        level: 'info',
        time: '',
        seq: 0,
        type: 'progress',
        id: `s${i}`,
        message: `step ${i}`,
        state: 'start',
      });
    expect(tty.screen().length).toBeLessThan(10);
    expect(tty.screen()).toContain('… and 14 more');
    host.finish();
    expect(tty.screen()).toEqual([]);
  });
});

describe('plain progress (CI logs)', () => {
  function plain() {
    const stderr = captureStream(false);
    const term = createTerminal({ stdout: captureStream(false), stderr, env: {} });
    const clock = new FakeClock();
    return { host: new ProgressIoHost(term, 'plain', { clock }), clock, lines: () => stderr.text().split('\n') };
  }

  it('a long step gets a heartbeat every 20 s, and none once it is done', () => {
    const { host, clock, lines } = plain();
    host.notify({
      code: 'refresh.progress',
      level: 'info',
      time: '',
      seq: 0,
      type: 'progress',
      id: 'acct',
      message: 'create account acme-prod',
      state: 'start',
    });
    clock.advance(19_000);
    expect(lines().filter((l) => l.includes('still'))).toEqual([]);
    clock.advance(61_000);
    expect(lines().filter((l) => l.includes('still'))).toEqual([
      '… create account acme-prod: still running (20s)',
      '… create account acme-prod: still running (40s)',
      '… create account acme-prod: still running (1m00s)',
      '… create account acme-prod: still running (1m20s)',
    ]);
    host.notify({
      code: 'refresh.progress',
      level: 'info',
      time: '',
      seq: 0,
      type: 'progress',
      id: 'acct',
      message: 'create account acme-prod',
      state: 'done',
      elapsedMs: 81_000,
    });
    clock.advance(120_000);
    expect(lines().filter((l) => l.includes('still'))).toHaveLength(4);
    expect(lines()).toContain('✓ create account acme-prod (81.0s)');
  });

  it('status updates that are not printed do not count as output; a printed retry does', () => {
    const { host, clock, lines } = plain();
    host.notify({
      code: 'refresh.progress',
      level: 'info',
      time: '',
      seq: 0,
      type: 'progress',
      id: 'a',
      message: 'create account a',
      state: 'start',
    });
    host.notify({
      code: 'refresh.progress',
      level: 'info',
      time: '',
      seq: 0,
      type: 'progress',
      id: 'b',
      message: 'create account b',
      state: 'start',
    });
    for (let t = 0; t < 4; t++) {
      clock.advance(5_000);
      host.notify({
        code: 'refresh.progress',
        level: 'info',
        time: '',
        seq: 0,
        type: 'progress',
        id: 'a',
        message: 'a: status IN_PROGRESS',
        state: 'running',
      });
      host.notify({
        code: 'refresh.progress',
        level: 'info',
        time: '',
        seq: 0,
        type: 'progress',
        id: 'b',
        message: 'create account b: Throttling, retrying in 500 ms',
      });
    }
    const still = lines().filter((l) => l.includes('still'));
    expect(still).toEqual(['… create account a: still running (20s)']);
    host.finish();
  });
});
