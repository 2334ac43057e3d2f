import { describe, expect, it } from 'vitest';
import { mix, mix2 } from '../../../src/local-cloud/usage/hash.js';
import {
  accountCostModel,
  addDayMicros,
  dailyServiceMicros,
  dayCalendar,
  dayOf,
} from '../../../src/local-cloud/usage/synthetic-cost.js';

describe('the bill fast path', () => {
  it('mix2 is mix with two values', () => {
    for (const [h, a, b] of [
      [0, 0, 0],
      [0xdeadbeef, 20_500, 3],
      [123456789, 4_000_000_000, 13],
    ] as const)
      expect(mix2(h, a, b)).toBe(mix(h, a, b));
  });

  it('addDayMicros adds exactly what dailyServiceMicros says, service by service, over weekends and month ends', () => {
    const model = accountCostModel('seed', { id: '123456789012', name: 'acme-prod', tags: {}, management: false });
    const mask = model.services.map((_, i) => i % 2 === 0);
    for (let day = dayOf('2026-01-25'); day < dayOf('2026-03-03'); day++) {
      const into = new Float64Array(model.services.length);
      const total = addDayMicros(model, dayCalendar(day), into, mask);
      let expected = 0;
      model.services.forEach((_, i) => {
        const v = mask[i] ? dailyServiceMicros(model, i, day) : 0;
        expect(into[i]).toBe(v);
        expected += v;
      });
      expect(total).toBe(expected);
    }
  });
});
