/** Compiles a statement's Condition block into tests that run against the request context. */
import type { RequestContext } from '../context-keys.js';
import { suggest } from '../../core/suggest.js';
import type { ConditionBlock, ConditionTrace, InputError } from '../types.js';
import { OPERATOR_NAMES, parseOperator } from './operators.js';
import { buildConditionTest, type ConditionTest } from './set-operators.js';

export interface CompiledCondition {
  operator: string;
  key: string;
  keyLower: string;
  policyValues: string[];
  test: ConditionTest;
}

function valuesOf(raw: unknown): string[] | undefined {
  const list = Array.isArray(raw) ? raw : [raw];
  const out: string[] = [];
  for (const v of list) {
    if (typeof v === 'string') out.push(v);
    else if (typeof v === 'number' || typeof v === 'boolean') out.push(String(v));
    else return undefined;
  }
  return out;
}

export function compileConditions(
  block: ConditionBlock | undefined,
  path: string,
  errors: InputError[],
): CompiledCondition[] {
  const out: CompiledCondition[] = [];
  if (block === undefined) return out;
  if (typeof block !== 'object' || block === null || Array.isArray(block)) {
    errors.push({ code: 'invalid-policy', message: `${path}: Condition must be an object`, suggestions: [], path });
    return out;
  }
  for (const [operator, keys] of Object.entries(block)) {
    const op = parseOperator(operator);
    if (op === undefined) {
      errors.push({
        code: 'unknown-condition-operator',
        message: `unknown condition operator "${operator}"`,
        suggestions: suggest(
          operator.replace(/^(ForAllValues|ForAnyValue):/i, '').replace(/IfExists$/i, ''),
          OPERATOR_NAMES,
        ),
        path,
      });
      continue;
    }
    if (typeof keys !== 'object' || keys === null || Array.isArray(keys)) {
      errors.push({
        code: 'invalid-policy',
        message: `${path}: "${operator}" must map condition keys to values`,
        suggestions: [],
        path,
      });
      continue;
    }
    for (const [key, raw] of Object.entries(keys)) {
      const policyValues = valuesOf(raw);
      if (policyValues === undefined) {
        errors.push({
          code: 'invalid-condition-value',
          message: `${operator} ${key}: values must be strings, numbers or booleans, got ${JSON.stringify(raw)}`,
          suggestions: [],
          path,
        });
        continue;
      }
      const check = op.isNull
        ? (v: string) => (/^(true|false)$/i.test(v) ? undefined : `"${v}" is not true or false`)
        : op.base!.family.check;
      let bad = false;
      if (check !== undefined) {
        for (const v of policyValues) {
          const problem = check(v);
          if (problem !== undefined) {
            bad = true;
            errors.push({
              code: 'invalid-condition-value',
              message: `${operator} ${key}: ${problem}`,
              suggestions: op.isNull ? ['true', 'false'] : [],
              path,
            });
          }
        }
      }
      if (bad) continue;
      out.push({
        operator,
        key,
        keyLower: key.toLowerCase(),
        policyValues,
        test: buildConditionTest(op, policyValues),
      });
    }
  }
  return out;
}

/** All conditions AND-ed; stops at the first that fails. */
export function conditionsMatch(conditions: readonly CompiledCondition[], ctx: RequestContext): boolean {
  for (const c of conditions) {
    if (!c.test(ctx.get(c.keyLower), ctx.lookupVariable)) return false;
  }
  return true;
}

/** Evaluates every condition and records the values involved, for explanations. */
export function traceConditions(conditions: readonly CompiledCondition[], ctx: RequestContext): ConditionTrace[] {
  return conditions.map((c) => {
    const value = ctx.get(c.keyLower);
    return {
      operator: c.operator,
      key: c.key,
      policyValues: c.policyValues,
      requestValues: value === undefined ? undefined : typeof value === 'string' ? [value] : [...value],
      matched: c.test(value, ctx.lookupVariable),
    };
  });
}
