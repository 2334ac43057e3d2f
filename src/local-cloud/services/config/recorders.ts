import type { HandlerContext } from '../registry.js';
import { configError, configInput } from './common.js';
import type { ConfigRecorderRecord } from './tables.js';

const ROLE_ARN_RE = /^arn:aws:iam::\d{12}:role\/[\w+=,.@/-]+$/;
const RESOURCE_TYPE_RE = /^AWS::[A-Za-z0-9]+::[A-Za-z0-9]+$/;
const STRATEGIES = ['ALL_SUPPORTED_RESOURCE_TYPES', 'INCLUSION_BY_RESOURCE_TYPES', 'EXCLUSION_BY_RESOURCE_TYPES'];

const badGroup = (message: string) => configError('InvalidRecordingGroupException', message);

function resourceTypes(list: string[] | undefined): string[] {
  for (const t of list ?? []) if (!RESOURCE_TYPE_RE.test(t)) throw badGroup(`The resource type ${t} is not valid.`);
  return list ?? [];
}

function readGroup(input: Record<string, unknown> | undefined): ConfigRecorderRecord['recordingGroup'] {
  const g = input ?? {};
  const bool = (name: string, dflt: boolean): boolean => {
    const v = g[name];
    if (v === undefined || v === null) return dflt;
    if (typeof v !== 'boolean')
      throw configError('SerializationException', `Unexpected value type for ${name}: expected a boolean.`);
    return v;
  };
  const types = resourceTypes(configInput.optStringList(g, 'resourceTypes'));
  const excluded = resourceTypes(
    configInput.optStringList(configInput.optObject(g, 'exclusionByResourceTypes') ?? {}, 'resourceTypes'),
  );
  const allSupported = bool('allSupported', types.length === 0 && excluded.length === 0);
  const includeGlobal = bool('includeGlobalResourceTypes', false);
  const strategy = configInput.optString(configInput.optObject(g, 'recordingStrategy') ?? {}, 'useOnly', {
    values: STRATEGIES,
  });
  if (allSupported && types.length > 0)
    throw badGroup('The recording group cannot list resource types when allSupported is true.');
  if (includeGlobal && !allSupported)
    throw badGroup('includeGlobalResourceTypes can be true only when allSupported is true.');
  if (!allSupported && types.length === 0 && excluded.length === 0)
    throw badGroup('The recording group must record all supported resource types or list some.');
  return {
    allSupported,
    includeGlobalResourceTypes: includeGlobal,
    resourceTypes: types,
    exclusionByResourceTypes: { resourceTypes: excluded },
    recordingStrategy: {
      useOnly:
        strategy ??
        (allSupported
          ? 'ALL_SUPPORTED_RESOURCE_TYPES'
          : excluded.length > 0
            ? 'EXCLUSION_BY_RESOURCE_TYPES'
            : 'INCLUSION_BY_RESOURCE_TYPES'),
    },
  };
}

/** Creates or updates the account's one recorder in the region (a second name is refused). */
export function putConfigurationRecorder(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const recorder = configInput.optObject(input, 'ConfigurationRecorder');
  if (recorder === undefined) throw configError('ValidationException', 'ConfigurationRecorder is required.');
  const name = configInput.optString(recorder, 'name', { max: 256 }) ?? '';
  if (name.trim() === '')
    throw configError('InvalidConfigurationRecorderNameException', 'The configuration recorder name cannot be empty.');
  const roleARN = configInput.optString(recorder, 'roleARN') ?? '';
  if (!ROLE_ARN_RE.test(roleARN)) throw configError('InvalidRoleException', `The role ARN ${roleARN} is not valid.`);
  const group = readGroup(configInput.optObject(recorder, 'recordingGroup'));
  const mode = configInput.optObject(recorder, 'recordingMode');
  const frequency =
    mode === undefined
      ? 'CONTINUOUS'
      : configInput.reqString(mode, 'recordingFrequency', { values: ['CONTINUOUS', 'DAILY'] });
  configInput.optList(input, 'Tags');
  const key = `${ctx.principal.accountId}|${ctx.region}`;
  const existing = ctx.store.get('configRecorders', key);
  if (existing !== undefined && existing.name !== name)
    throw configError(
      'MaxNumberOfConfigurationRecordersExceededException',
      `Failed to put configuration recorder '${name}' because the maximum number of configuration recorders: 1 is reached.`,
    );
  ctx.store.put('configRecorders', key, {
    accountId: ctx.principal.accountId,
    region: ctx.region,
    name,
    roleARN,
    recordingGroup: group,
    recordingMode: { recordingFrequency: frequency as 'CONTINUOUS' | 'DAILY' },
  });
  return {};
}

export function describeConfigurationRecorders(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const names = configInput.optStringList(input, 'ConfigurationRecorderNames') ?? [];
  const own = ctx.store.get('configRecorders', `${ctx.principal.accountId}|${ctx.region}`);
  for (const n of names)
    if (own?.name !== n)
      throw configError(
        'NoSuchConfigurationRecorderException',
        `Cannot find configuration recorder with the specified name '${n}'.`,
      );
  return {
    ConfigurationRecorders:
      own === undefined
        ? []
        : [
            {
              name: own.name,
              roleARN: own.roleARN,
              recordingGroup: own.recordingGroup,
              recordingMode: own.recordingMode,
            },
          ],
  };
}
