/**
 * Reading a guardrail use's `parameters`: a mapping with known keys whose values are checked one by one. Every
 * problem is collected (never thrown) with its path relative to `parameters`, so that the spec layer can point at
 * file:line:column.
 */
import { didYouMeanAmong } from '../../core/suggest.js';
import type { GuardrailProblem, ParsedParameters } from '../types.js';

export type ParameterPath = (string | number)[];

/** Checks one list item; returns a problem (its path is filled in) or undefined when the item is good. */
export type ItemCheck = (item: string) => { message: string; hint?: string } | undefined;

export interface StringListOptions {
  /** Checks each item after the type and emptiness checks. */
  check?: ItemCheck;
  /** An example value for hints (`[eu-west-1, eu-central-1]`). */
  example: string;
}

export class ParameterReader {
  readonly problems: GuardrailProblem[] = [];
  private readonly values: Record<string, unknown>;

  /** `keys`: the parameters the guardrail takes; anything else is refused with a did-you-mean. */
  constructor(
    raw: unknown,
    private readonly keys: readonly string[],
  ) {
    this.values = {};
    if (raw === undefined || raw === null) return;
    if (typeof raw !== 'object' || Array.isArray(raw)) {
      this.problems.push({
        path: [],
        message: `parameters must be a mapping, not ${describe(raw)}`,
        hint:
          keys.length === 0
            ? 'this guardrail takes no parameters: remove `parameters`'
            : `write parameters: { ${keys[0]}: … }; it takes ${list(keys)}`,
      });
      return;
    }
    for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
      if (keys.includes(key)) {
        this.values[key] = value;
        continue;
      }
      const close = didYouMeanAmong(key, keys);
      this.problems.push({
        path: [key],
        message: `unknown parameter "${key}"`,
        hint:
          keys.length === 0
            ? 'this guardrail takes no parameters: remove it'
            : `${close !== undefined ? `${close} ` : ''}this guardrail takes ${list(keys)}`,
      });
    }
  }

  has(key: string): boolean {
    return this.values[key] !== undefined;
  }

  /**
   * A non-empty list of distinct non-empty strings, or undefined when absent or wrong (the problem is recorded).
   * A single string is refused rather than wrapped: the hint shows the list form.
   */
  stringList(key: string, options: StringListOptions): string[] | undefined {
    const value = this.values[key];
    if (value === undefined) return undefined;
    if (!Array.isArray(value)) {
      this.problems.push({
        path: [key],
        message: `${key} must be a list of strings, not ${describe(value)}`,
        hint: `write ${key}: ${typeof value === 'string' ? `[${value}]` : options.example}`,
      });
      return undefined;
    }
    if (value.length === 0) {
      this.problems.push({
        path: [key],
        message: `${key} is empty`,
        hint: `list at least one, e.g. ${key}: ${options.example}, or leave ${key} out`,
      });
      return undefined;
    }
    const out: string[] = [];
    const before = this.problems.length;
    value.forEach((item: unknown, i) => {
      const path = [key, i];
      if (typeof item !== 'string' || item.trim() === '') {
        this.problems.push({
          path,
          message: `${key}[${i}] must be a non-empty string, not ${describe(item)}`,
          hint: `e.g. ${key}: ${options.example}`,
        });
        return;
      }
      const first = out.indexOf(item);
      if (first >= 0) {
        this.problems.push({ path, message: `"${item}" is listed twice in ${key}`, hint: 'remove the second one' });
        return;
      }
      const problem = options.check?.(item);
      if (problem !== undefined) this.problems.push({ path, ...problem });
      out.push(item);
    });
    return this.problems.length === before ? out : undefined;
  }

  /** Records a problem found by the guardrail itself (a missing parameter, a rule between parameters). */
  problem(path: ParameterPath, message: string, hint?: string): void {
    this.problems.push(hint === undefined ? { path, message } : { path, message, hint });
  }

  result<P>(params: () => P): ParsedParameters<P> {
    return this.problems.length > 0 ? { ok: false, problems: this.problems } : { ok: true, params: params() };
  }
}

function list(keys: readonly string[]): string {
  const shown = keys.map((k) => `\`${k}\``);
  return shown.length === 1 ? shown[0]! : `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]!}`;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `the string "${value}"`;
  return `${typeof value} ${String(value)}`;
}
