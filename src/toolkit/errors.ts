// The library's errors for the edge that maps them to exit codes: SDK and network errors become
// BulkheadErrors with a hint (providers/aws owns that mapping); anything else is returned unchanged.
export { explainAwsError as explainError } from '../providers/aws/errors.js';
