import { hasErrors, sortDiagnostics, type Diagnostic } from '../core/diagnostics.js';
import type { OrgModel } from '../model/organization.js';
import type { ManagedPolicyCatalogue } from '../iam/managed-policies.js';
import { openManagedPolicyCatalogue } from '../iam/managed-policy-files.js';
import { GUARDRAILS } from '../guardrails/catalogue/index.js';
import { buildModel } from './build-model.js';
import { loadSpec, type SourceDigest } from './load.js';
import { resolveAccessGrid } from './rules/access-grid.js';
import { checkAwsValues } from './rules/aws-values.js';
import { checkCostAllocationTags } from './rules/cost-allocation-tags.js';
import { checkBestPractices } from './rules/best-practices.js';
import { checkBudgets } from './rules/budgets.js';
import { RuleContext } from './rules/context.js';
import { checkIdentityStore } from './rules/identity-store.js';
import { checkNames } from './rules/names.js';
import { checkOrganizationalUnits, placeAccounts, walkOus } from './rules/organizational-units.js';
import { checkPermissionSets } from './rules/permission-sets.js';
import { checkPolicies } from './rules/policies.js';
import { checkQuotas } from './rules/quotas.js';
import { checkGuardrails, type GuardrailCatalogue } from './rules/guardrails.js';
import { checkEnvironmentReferences, checkRegions } from './rules/references.js';
import { checkSecurityServices } from './rules/security-services.js';
import { checkTrail } from './rules/trail.js';
import { repairSpec } from './repair.js';
import { schemaDiagnostics } from './schema-diagnostics.js';
import { orgSpecSchema } from './schema.js';

export interface ValidationResult {
  file: string;
  files: string[];
  /** What each file read held (its SHA-256): a cached result holds for these contents only. */
  sources: SourceDigest[];
  diagnostics: Diagnostic[];
  /** Present when there are no errors. */
  model?: OrgModel;
}

export interface ValidateSpecOptions {
  /**
   * The AWS managed policies permission sets may name. The toolkit passes the one it opened; without it the
   * catalogue is read from the IAM reference's cache, only when the spec names a managed policy.
   */
  managedPolicies?: ManagedPolicyCatalogue;
  /** The guardrails `guardrails:` may use; Bulkhead's catalogue by default. */
  guardrails?: GuardrailCatalogue;
}

/**
 * Loads and validates a spec, reporting every problem in one run: YAML syntax first, then the
 * schema, then the semantic rules (references, AWS limits, policy grammar) and best practices.
 */
export async function validateSpecFile(file: string, options: ValidateSpecOptions = {}): Promise<ValidationResult> {
  const loaded = loadSpec(file);
  const done = (diagnostics: Diagnostic[], model?: OrgModel): ValidationResult => ({
    file,
    files: loaded.files,
    sources: loaded.sources,
    diagnostics: sortDiagnostics(diagnostics),
    ...(model ? { model } : {}),
  });
  if (loaded.value === undefined || hasErrors(loaded.diagnostics)) return done(loaded.diagnostics);

  const parsed = orgSpecSchema.safeParse(loaded.value);
  const diagnostics = [...loaded.diagnostics];
  let ctx: RuleContext;
  if (parsed.success) {
    ctx = new RuleContext(parsed.data, loaded.value, loaded.sourceMap);
  } else {
    diagnostics.push(...schemaDiagnostics(parsed.error.issues, loaded.value, orgSpecSchema, loaded.sourceMap));
    // Cut out what the schema rejected and check the rest, so one run reports every problem.
    const repaired = repairSpec(loaded.value, parsed.error.issues, orgSpecSchema);
    if (!repaired) return done(diagnostics);
    ctx = new RuleContext(
      repaired.spec,
      loaded.value,
      loaded.sourceMap,
      repaired.repair.indexMaps,
      repaired.repair.dropped,
    );
  }
  const spec = ctx.spec;
  const ous = walkOus(spec.organizationalUnits);
  checkNames(ctx);
  checkIdentityStore(ctx);
  checkPermissionSets(ctx);
  checkAwsValues(ctx);
  checkRegions(ctx);
  checkOrganizationalUnits(ctx, ous);
  const placement = placeAccounts(ctx, ous);
  checkEnvironmentReferences(ctx);
  checkTrail(ctx);
  checkSecurityServices(ctx);
  checkQuotas(ctx);
  checkCostAllocationTags(ctx);
  checkBudgets(ctx);
  const policies = await checkPolicies(ctx, ous, () => options.managedPolicies ?? openCatalogue());
  const packed = checkGuardrails(ctx, ous, placement, policies, options.guardrails ?? GUARDRAILS);
  const assignments = resolveAccessGrid(ctx);
  checkBestPractices(ctx, placement, policies, assignments, packed);

  diagnostics.push(...ctx.diagnostics);
  return done(
    diagnostics,
    hasErrors(diagnostics) ? undefined : buildModel(spec, ous, placement, policies, assignments, packed),
  );
}

/** The catalogue, or undefined when it cannot be read (then names are left for plan to check). */
function openCatalogue(): ManagedPolicyCatalogue | undefined {
  try {
    return openManagedPolicyCatalogue().catalogue;
  } catch {
    return undefined;
  }
}
