import { AwsApiError } from '../../errors.js';

/**
 * S3's error responses (Amazon S3 API Reference, "Error responses", the list of error codes): the code, the message S3
 * words it with, the HTTP status, and the members S3 adds to the `<Error>` document (`BucketName`, `Key`).
 */
export const noSuchBucket = (bucket: string): AwsApiError =>
  new AwsApiError('NoSuchBucket', 'The specified bucket does not exist', 404, { BucketName: bucket });

export const noSuchKey = (key: string): AwsApiError =>
  new AwsApiError('NoSuchKey', 'The specified key does not exist.', 404, { Key: key });

export const noSuchVersion = (key: string, versionId: string): AwsApiError =>
  new AwsApiError('NoSuchVersion', 'The specified version does not exist.', 404, { Key: key, VersionId: versionId });

export const bucketAlreadyExists = (bucket: string): AwsApiError =>
  new AwsApiError(
    'BucketAlreadyExists',
    'The requested bucket name is not available. The bucket namespace is shared by all users of the system. Please select a different name and try again.',
    409,
    { BucketName: bucket },
  );

export const bucketAlreadyOwnedByYou = (bucket: string): AwsApiError =>
  new AwsApiError(
    'BucketAlreadyOwnedByYou',
    'Your previous request to create the named bucket succeeded and you already own it.',
    409,
    { BucketName: bucket },
  );

export const invalidBucketName = (bucket: string): AwsApiError =>
  new AwsApiError('InvalidBucketName', 'The specified bucket is not valid.', 400, { BucketName: bucket });

export const bucketNotEmpty = (bucket: string): AwsApiError =>
  new AwsApiError('BucketNotEmpty', 'The bucket you tried to delete is not empty', 409, { BucketName: bucket });

export const noSuchBucketPolicy = (bucket: string): AwsApiError =>
  new AwsApiError('NoSuchBucketPolicy', 'The bucket policy does not exist', 404, { BucketName: bucket });

export const malformedPolicy = (message: string): AwsApiError => new AwsApiError('MalformedPolicy', message, 400);

export const objectLockNotFound = (bucket: string): AwsApiError =>
  new AwsApiError(
    'ObjectLockConfigurationNotFoundError',
    'Object Lock configuration does not exist for this bucket',
    404,
    { BucketName: bucket },
  );

export const noSuchPublicAccessBlock = (bucket: string): AwsApiError =>
  new AwsApiError('NoSuchPublicAccessBlockConfiguration', 'The public access block configuration was not found', 404, {
    BucketName: bucket,
  });

export const noSuchTagSet = (bucket: string): AwsApiError =>
  new AwsApiError('NoSuchTagSet', 'The TagSet does not exist', 404, { BucketName: bucket });

export const invalidBucketState = (message: string): AwsApiError => new AwsApiError('InvalidBucketState', message, 409);

export const invalidArgument = (message: string, name?: string, value?: string): AwsApiError =>
  new AwsApiError(
    'InvalidArgument',
    message,
    400,
    name === undefined ? {} : { ArgumentName: name, ArgumentValue: value ?? '' },
  );

export const invalidRequest = (message: string): AwsApiError => new AwsApiError('InvalidRequest', message, 400);

export const accessDenied = (): AwsApiError => new AwsApiError('AccessDenied', 'Access Denied', 403);

export const notImplemented = (): AwsApiError =>
  new AwsApiError('NotImplemented', 'A header you provided implies functionality that is not implemented', 501);

export const invalidRange = (size: number): AwsApiError =>
  new AwsApiError('InvalidRange', 'The requested range is not satisfiable', 416, {
    ActualObjectSize: String(size),
  });
