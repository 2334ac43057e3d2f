import type { ObservedState } from '../../src/model/observed.js';
import type { Ref } from '../../src/model/payloads.js';
import { wantedAutoEnable } from '../../src/model/security-services.js';
import type { KindChange } from '../../src/plan/types.js';
import { SimulatedAwsError } from './simulate-apply.js';

type SecurityKind = 'delegated-administrator' | 'security-service';

/** The security kinds carried out on the observed state as AWS would record them. */
export function securityRunners(
  state: ObservedState,
  resolve: (ref: Ref) => string,
  managementAccountId: string,
): { [K in SecurityKind]: (c: KindChange<K>) => string | undefined } {
  return {
    'delegated-administrator': ({ payload: p }) => {
      const admins = state['delegated-administrator'];
      if (p.action === 'delete') {
        state['delegated-administrator'] = admins.filter(
          (a) => !(a.servicePrincipal === p.servicePrincipal && a.accountId === p.accountId),
        );
        return undefined;
      }
      const accountId = resolve(p.account);
      if (accountId === managementAccountId) throw new SimulatedAwsError('ConstraintViolationException', 'management');
      // GuardDuty and Security Hub allow one administrator per organization.
      if (admins.some((a) => a.servicePrincipal === p.servicePrincipal && a.accountId !== accountId)) {
        throw new SimulatedAwsError('BadRequestException', `${p.servicePrincipal} has another administrator`);
      }
      if (!admins.some((a) => a.servicePrincipal === p.servicePrincipal)) {
        admins.push({ servicePrincipal: p.servicePrincipal, accountId });
      }
      return undefined;
    },
    'security-service': ({ payload: p }) => {
      const accountId = resolve(p.account);
      const others = state['security-service'].filter((s) => !(s.service === p.service && s.accountId === accountId));
      const auto = wantedAutoEnable(p.service, p.autoEnable);
      others.push({
        service: p.service,
        accountId,
        enabled: true,
        ...(auto !== undefined ? { autoEnable: auto } : {}),
        ...(p.service === 'guardduty' ? { detectorId: 'detector-sim' } : {}),
        ...(p.aggregatorName !== undefined
          ? { aggregators: [{ name: p.aggregatorName, allAwsRegions: true, roleArn: 'arn:aws:iam::1:role/x' }] }
          : {}),
      });
      state['security-service'] = others;
      return undefined;
    },
  };
}
