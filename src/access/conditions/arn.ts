/** ArnEquals / ArnLike (identical in AWS: both match each ARN component with wildcards, case-sensitively). */
import { compileArnPattern } from '../arn-pattern.js';
import type { OperatorFamily } from './value-matcher.js';

export const arnLike: OperatorFamily = {
  compile(values, variables) {
    const matchers = values.map((v) => compileArnPattern(v, variables ? 'all' : 'none'));
    return (rv, lookup) => {
      // A request value that is not an ARN never matches an ARN operator.
      if (!rv.startsWith('arn:')) return false;
      for (const m of matchers) if (m(rv, lookup) === true) return true;
      return false;
    };
  },
};
