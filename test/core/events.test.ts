import { describe, expect, it } from 'vitest';
import { EVENT_CODES } from '../../src/core/event-codes.js';
import { emit, RecordingIoHost, say, type ChangeEventData } from '../../src/core/events.js';

const change = (state: ChangeEventData['state']): ChangeEventData => ({
  changeId: 'ou:Workloads',
  address: { kind: 'organizational-unit', key: 'Workloads' },
  action: 'create',
  label: 'Workloads',
  state,
  attempt: 1,
  elapsedMs: 0,
});

describe('emit', () => {
  it('levels diagnostics by severity', () => {
    const io = new RecordingIoHost();
    emit(io, {
      type: 'diagnostic',
      code: 'spec.diagnostic',
      diagnostic: { severity: 'error', code: 'E-X', message: 'x' },
    });
    emit(io, {
      type: 'diagnostic',
      code: 'spec.diagnostic',
      diagnostic: { severity: 'warning', code: 'W-X', message: 'x' },
    });
    expect(io.events.map((e) => e.level)).toEqual(['error', 'warn']);
  });

  it('levels a failed change as an error, other change states by their code', () => {
    const io = new RecordingIoHost();
    emit(io, { type: 'change', code: 'apply.change', data: change('failed') });
    emit(io, { type: 'change', code: 'apply.change', data: change('done') });
    expect(io.events.map((e) => e.level)).toEqual(['error', EVENT_CODES['apply.change']]);
    expect(EVENT_CODES['apply.change']).toBe('info');
  });

  it.each(Object.entries(EVENT_CODES))('levels %s as %s', (code, level) => {
    const io = new RecordingIoHost();
    emit(io, { type: 'result', code: code as keyof typeof EVENT_CODES, data: null });
    expect(io.events[0]!.level).toBe(level);
  });

  it('stamps an ISO time and a sequence 1, 2, 3 … per host', () => {
    const a = new RecordingIoHost();
    const b = new RecordingIoHost();
    const before = Date.now();
    say(a, 'demo.step', 'one');
    say(a, 'demo.step', 'two');
    say(b, 'demo.step', 'other host');
    say(a, 'demo.step', 'three');
    expect(a.events.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(b.events.map((e) => e.seq)).toEqual([1]);
    for (const e of a.events) {
      expect(e.time).toBe(new Date(e.time).toISOString());
      expect(Date.parse(e.time)).toBeGreaterThanOrEqual(before - 1);
    }
    expect(a.events[1]).toMatchObject({ type: 'info', code: 'demo.step', message: 'two', level: 'info' });
    expect('data' in a.events[1]!).toBe(false);
  });
});

describe('RecordingIoHost', () => {
  it('records questions and answers yes unless told otherwise', async () => {
    const yes = new RecordingIoHost();
    const q = { code: 'apply.confirm', message: 'apply 3 changes?' } as const;
    await expect(yes.ask(q)).resolves.toBe(true);
    expect(yes.questions).toEqual([q]);
    const picky = new RecordingIoHost((question) => !question.message.includes('destroy'));
    await expect(picky.ask({ code: 'apply.confirm', message: 'destroy 2 accounts?' })).resolves.toBe(false);
    await expect(picky.ask(q)).resolves.toBe(true);
    expect(picky.questions.map((x) => x.message)).toEqual(['destroy 2 accounts?', 'apply 3 changes?']);
  });
});
