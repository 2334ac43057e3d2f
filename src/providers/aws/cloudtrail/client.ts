import { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import type { AwsClients } from '../clients.js';

/** CloudTrail in the management account and the home region (the organization trail's home). */
export const cloudTrailOf = (clients: AwsClients): CloudTrailClient => clients.inHomeRegion(CloudTrailClient);
