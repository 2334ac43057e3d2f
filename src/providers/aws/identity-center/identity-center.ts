import { EnableAWSServiceAccessCommand } from '@aws-sdk/client-organizations';
import type { ApplyOutcome, KindProvider } from '../provider.js';
import { isOrganizationsRetryable } from '../organizations/common.js';
import { findInstance, noInstanceError } from './common.js';

/** How long enabling waits for the instance to show up before saying what to do by hand. */
const ENABLE_WAIT_MS = 30_000;

/**
 * Enabling: trusted access for sso.amazonaws.com, then the instance in the home region. AWS has no
 * API that creates the organization instance (the console's Enable does): when none appears the
 * change fails with the one step to take by hand.
 */
export const identityCenterProvider: KindProvider<'identity-center'> = {
  kind: 'identity-center',
  lane: () => 'organizations',
  isRetryable: isOrganizationsRetryable,
  async apply({ payload }, ctx): Promise<ApplyOutcome> {
    ctx.clients.useHomeRegion(payload.homeRegion);
    await ctx.clients.organizations.send(new EnableAWSServiceAccessCommand({ ServicePrincipal: 'sso.amazonaws.com' }));
    ctx.progress(`trusted access for sso.amazonaws.com enabled; waiting for the instance in ${payload.homeRegion}`);
    const started = Date.now();
    for (let attempt = 1; ; attempt++) {
      const instance = await findInstance(ctx.clients);
      if (instance) return { physicalId: instance.instanceArn };
      if (Date.now() - started >= ENABLE_WAIT_MS) throw noInstanceError(payload.homeRegion);
      await ctx.sleep(ctx.pollDelayMs(attempt, Date.now() - started));
      await ctx.pollSlot();
    }
  },
};
