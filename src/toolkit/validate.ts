import { emit, type IoHost } from '../core/events.js';
import { validateSpecFile, type ValidationResult } from '../config/validate.js';
import { awsManagedPolicies } from './managed-policies.js';

export interface ValidateOptions {
  file: string;
  io?: IoHost;
}

/** Validates a spec, emitting each diagnostic as an event; the result carries them too. */
export async function validate(options: ValidateOptions): Promise<ValidationResult> {
  const result = await validateSpecFile(options.file, { managedPolicies: awsManagedPolicies() });
  const io = options.io;
  if (io)
    for (const diagnostic of result.diagnostics) emit(io, { type: 'diagnostic', code: 'spec.diagnostic', diagnostic });
  return result;
}
