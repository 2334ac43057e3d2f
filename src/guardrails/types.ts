/**
 * The guardrail catalogue's contract: a guardrail is a named, parameterised set of SCP statements. The catalogue
 * (src/guardrails/catalogue/) defines them; the spec (`guardrails:` in org.yaml) uses them by name with parameters
 * and targets; the packer (src/guardrails/pack.ts) puts the statements of the guardrails that share targets into as
 * few SCPs as AWS's limits allow.
 */

/** One statement of an SCP document, as AWS reads it (Sid, Effect, Action/NotAction, Resource, Condition). */
export type PolicyStatement = Record<string, unknown>;

/** What a guardrail may depend on besides its parameters. */
export interface GuardrailContext {
  homeRegion: string;
  /** `organization.allowedRegions` (empty when the spec has none). */
  allowedRegions: readonly string[];
}

/** A parameter problem, with a path relative to the use's `parameters` (e.g. ['regions', 2]). */
export interface GuardrailProblem {
  path: (string | number)[];
  message: string;
  hint?: string;
}

export type ParsedParameters<P> = { ok: true; params: P } | { ok: false; problems: GuardrailProblem[] };

export interface GuardrailDefinition<P = unknown> {
  /** The catalogue name used in org.yaml (`allowed-regions`). */
  name: string;
  /** One line: what it blocks. */
  summary: string;
  /** Its page, relative to the repository root (`docs/guardrails/allowed-regions.md`). */
  docPage: string;
  /** Validates and normalises the raw `parameters` (undefined when absent); never throws for bad input. */
  parse(raw: unknown, ctx: GuardrailContext): ParsedParameters<P>;
  /** The SCP statements; every Sid is unique within the catalogue (a guardrail's Sids share its prefix). */
  render(params: P, ctx: GuardrailContext): PolicyStatement[];
}
