/** Runs the statements of one layer (or one SCP level) against a request. */
import type { CompiledPolicy, CompiledStatement } from './compile-policy.js';
import { conditionsMatch, traceConditions } from './conditions/compile-condition.js';
import type { RequestContext } from './context-keys.js';
import type { CallerIdentity } from './match-principal.js';
import type { Layer, PrincipalMatchKind, StatementRef, StatementTrace } from './types.js';

export interface RequestEnv {
  actionLower: string;
  resource: string;
  ctx: RequestContext;
  caller: CallerIdentity;
  hasBoundary: boolean;
}

export interface LayerOutcome {
  deny?: StatementRef;
  allow?: StatementRef;
  /** Resource policies: the strongest principal match among applicable Allows. */
  allowKind: PrincipalMatchKind;
}

const RANK: Record<PrincipalMatchKind, number> = { none: 0, account: 1, role: 2, direct: 3 };

function principalKind(st: CompiledStatement, env: RequestEnv): PrincipalMatchKind {
  if (st.principal === undefined) return 'direct';
  const kind = st.principal.match(env.caller);
  if (!st.notPrincipal) return kind;
  // AWS: "The NotPrincipal element with a Deny effect will always deny any IAM principal that has a
  // permissions boundary policy attached, regardless of the values specified in the NotPrincipal element."
  // https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html
  if (st.effect === 'Deny' && env.hasBoundary) return 'direct';
  return kind === 'none' ? 'direct' : 'none';
}

function ref(layer: Layer, target: string | undefined, policy: CompiledPolicy, st: CompiledStatement): StatementRef {
  const r: StatementRef = { layer, policy: policy.name, statementIndex: st.index };
  if (target !== undefined) r.target = target;
  if (st.sid !== undefined) r.sid = st.sid;
  return r;
}

/**
 * Scans policies of one layer. Without a trace it stops at the first applicable Deny (nothing can
 * override it) and skips conditions of statements whose action or resource already failed.
 */
export function scanLayer(
  policies: readonly CompiledPolicy[],
  layer: Layer,
  target: string | undefined,
  env: RequestEnv,
  trace: StatementTrace[] | undefined,
): LayerOutcome {
  const out: LayerOutcome = { allowKind: 'none' };
  const lookup = env.ctx.lookupVariable;
  for (const policy of policies) {
    for (const st of policy.statements) {
      const actionMatched = st.action(env.actionLower) !== st.notAction;
      if (!actionMatched && trace === undefined) continue;
      // Once an Allow is known, further Allows in this layer only matter for resource-policy match strength.
      if (
        trace === undefined &&
        st.effect === 'Allow' &&
        out.allow !== undefined &&
        (layer !== 'resource-policy' || out.allowKind === 'direct')
      ) {
        continue;
      }
      let resourceMatched = false;
      if (actionMatched || trace !== undefined) {
        const r = st.resource(env.resource, lookup);
        resourceMatched = st.notResource ? r === false : r === true;
      }
      const kind = principalKind(st, env);
      const principalMatched = kind !== 'none';
      let conditionsMatched: boolean;
      let statementTrace: StatementTrace | undefined;
      if (trace !== undefined) {
        const conditions = traceConditions(st.conditions, env.ctx);
        conditionsMatched = conditions.every((c) => c.matched);
        statementTrace = {
          layer,
          policy: policy.name,
          statementIndex: st.index,
          effect: st.effect,
          actionMatched,
          resourceMatched,
          conditionsMatched,
          conditions,
          applies: actionMatched && resourceMatched && principalMatched && conditionsMatched,
        };
        if (target !== undefined) statementTrace.target = target;
        if (st.sid !== undefined) statementTrace.sid = st.sid;
        if (st.principal !== undefined) statementTrace.principalMatch = kind;
        trace.push(statementTrace);
      } else {
        conditionsMatched = resourceMatched && principalMatched && conditionsMatch(st.conditions, env.ctx);
      }
      if (!(actionMatched && resourceMatched && principalMatched && conditionsMatched)) continue;
      if (st.effect === 'Deny') {
        if (out.deny === undefined) out.deny = ref(layer, target, policy, st);
        if (trace === undefined) return out;
      } else if (RANK[kind] > RANK[out.allowKind]) {
        out.allow = ref(layer, target, policy, st);
        out.allowKind = kind;
      }
    }
  }
  return out;
}
