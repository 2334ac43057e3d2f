import { CORE_TABLES } from '../store/state.js';
import type { TableName } from '../store/state.js';
import { budgetsService } from './budgets/index.js';
import { cloudTrailService } from './cloudtrail/index.js';
import { configService } from './config/index.js';
import { guardDutyService } from './guardduty/index.js';
import { iamService } from './iam/index.js';
import { identityStoreService } from './identitystore/index.js';
import { organizationsService } from './organizations/index.js';
import { s3Service } from './s3/index.js';
import { ssoAdminService } from './sso-admin/index.js';
import { securityHubService } from './securityhub/index.js';
import { ssoOidcService } from './sso-oidc/index.js';
import { ssoPortalService } from './sso/index.js';
import { stsService } from './sts/index.js';

/** Every emulated service; the dispatcher routes among these. Adding a service is one entry here. */
export const SERVICES = [
  organizationsService,
  iamService,
  stsService,
  ssoAdminService,
  identityStoreService,
  ssoOidcService,
  ssoPortalService,
  cloudTrailService,
  s3Service,
  guardDutyService,
  securityHubService,
  configService,
  budgetsService,
] as const;

/** The services' short names, derived from the list. */
export type ServiceName = (typeof SERVICES)[number]['name'];

/** Every table of the store: the core ones, then each service's own. */
export const TABLE_NAMES: readonly TableName[] = [...CORE_TABLES, ...SERVICES.flatMap((s) => s.tables)];

/** The tables kept in memory only (see ServiceDefinition.volatileTables). */
export const VOLATILE_TABLE_NAMES: readonly TableName[] = SERVICES.flatMap((s) => s.volatileTables ?? []);
