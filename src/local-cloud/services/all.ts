import { iamService } from './iam/index.js';
import { organizationsService } from './organizations/index.js';
import type { ServiceDefinition } from './registry.js';
import { stsService } from './sts/index.js';

/** Every emulated service; the dispatcher routes among these. */
export const SERVICES: readonly ServiceDefinition[] = [organizationsService, iamService, stsService];
