import { createInterface } from 'node:readline/promises';
import { BulkheadError } from '../../core/errors.js';
import type { Question } from '../../core/events.js';
import type { Plan } from '../../toolkit/render.js';
import type { Terminal } from '../io.js';
import { planStyle } from '../render/plan-style.js';

/**
 * Asks on the terminal; only "yes" is yes. Ctrl-C or Ctrl-D at the prompt is a cancel (exit 130
 * or 1 with a message), never a crash.
 */
export async function askOnTerminal(term: Terminal, question: Question): Promise<boolean> {
  const { renderPlan } = await import('../../toolkit/render.js');
  if (question.code === 'apply.confirm' && question.data) {
    const plan = question.data as Plan;
    term.out(renderPlan(plan.changes, plan.problems, planStyle(term.style), plan.notes));
  }
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await new Promise<string>((resolve, reject) => {
      rl.on('SIGINT', () =>
        reject(new BulkheadError('interrupted', 'cancelled at the prompt (Ctrl-C); nothing was changed')),
      );
      rl.on('close', () =>
        reject(new BulkheadError('apply-cancelled', 'no answer (end of input); nothing was changed')),
      );
      rl.question(`\n${question.message} Only "yes" is accepted: `).then(resolve, reject);
    });
    return answer.trim() === 'yes';
  } finally {
    rl.removeAllListeners('close');
    rl.close();
  }
}
