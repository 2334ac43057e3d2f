import { AwsApiError } from '../../errors.js';
import type { InvalidInput } from '../json-input.js';

/*
 * Service Quotas' errors (botocore model service-quotas 2019-06-24), all 400 with `{"__type","Message"}`. Messages
 * are AWS's where seen in the field (NoSuchResourceException for a service, ResourceAlreadyExistsException), else the
 * model's own documentation of the error.
 */
const err =
  (code: string) =>
  (message: string): AwsApiError =>
    new AwsApiError(code, message, 400);

export const noSuchResource = err('NoSuchResourceException');
export const illegalArgument = err('IllegalArgumentException');
export const alreadyExists = err('ResourceAlreadyExistsException');
export const quotaExceeded = err('QuotaExceededException');
export const accessDenied = err('AccessDeniedException');

export const NO_SUCH_SERVICE = 'The request failed because the specified service does not exist.';
export const NO_SUCH_QUOTA = 'The request failed because the specified quota does not exist.';
export const ONE_OPEN_REQUEST = 'Only one open service quota increase request is allowed per quota.';

export const templateNotInUse = (): AwsApiError =>
  err('ServiceQuotaTemplateNotInUseException')('The quota request template is not associated with your organization.');
export const serviceAccessNotEnabled = (): AwsApiError =>
  err('AWSServiceAccessNotEnabledException')(
    'The action you attempted is not allowed unless Service Access with Service Quotas is enabled in your organization.',
  );
export const templatesNotInRegion = (): AwsApiError =>
  err('TemplatesNotAvailableInRegionException')(
    'The Service Quotas template is not available in this Amazon Web Services Region.',
  );
export const noOrganization = (): AwsApiError =>
  err('NoAvailableOrganizationException')(
    'The Amazon Web Services account making this call is not a member of an organization.',
  );
export const notAllFeatures = (): AwsApiError =>
  err('OrganizationNotInAllFeaturesModeException')(
    'The organization that your Amazon Web Services account belongs to is not in All Features mode.',
  );

/** Input problems: IllegalArgumentException, except a bad token (InvalidPaginationTokenException). */
export const invalidInput: InvalidInput = (problem, message) =>
  problem === 'INVALID_NEXT_TOKEN'
    ? new AwsApiError('InvalidPaginationTokenException', 'Invalid input was provided.', 400)
    : illegalArgument(message);
