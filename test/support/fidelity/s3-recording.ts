import type { S3Client } from '@aws-sdk/client-s3';
import type { Exchange } from './recording-handler.js';
import { RecordingHandler } from './recording-handler.js';

type HandleArgs = Parameters<RecordingHandler['handle']>;

/** An exchange with S3 (restXml): the operation the SDK called, the HTTP method (HEAD answers no body). */
export interface S3Exchange extends Exchange {
  method: string;
}

/**
 * Records S3's raw responses with the SDK command that caused each: restXml names no operation on the wire, so a
 * middleware tells the handler which command is being sent (commands are sent one at a time).
 */
export class S3RecordingHandler extends RecordingHandler {
  readonly s3: S3Exchange[] = [];
  private operation = '';

  attach(client: S3Client): void {
    client.middlewareStack.add(
      (next, context) => (args) => {
        this.operation = (context.commandName ?? '').replace(/Command$/, '');
        return next(args);
      },
      { step: 'initialize', name: 'bulkheadS3OperationLabel' },
    );
  }

  override async handle(...args: HandleArgs): ReturnType<RecordingHandler['handle']> {
    const result = await super.handle(...args);
    const last = this.exchanges[this.exchanges.length - 1];
    if (last !== undefined) this.s3.push({ ...last, service: 's3', operation: this.operation, method: args[0].method });
    return result;
  }
}
