import { RecordingIoHost, type IoHost } from '../../core/events.js';
import type { OrgModel } from '../../model/organization.js';

/**
 * Validates the spec before anything connects, so a broken spec starts no local cloud and sends no
 * AWS call. Its diagnostics go to the IO host (with `quiet`, only when it is invalid); the model is
 * handed on to the toolkit, which then does not validate again.
 */
export async function requireValidSpec(file: string, io: IoHost, options: { quiet?: boolean } = {}): Promise<OrgModel> {
  const { loadValidModel } = await import('../../toolkit/validate.js');
  if (!options.quiet) return loadValidModel(file, io);
  const recorded = new RecordingIoHost();
  try {
    return await loadValidModel(file, recorded);
  } catch (err) {
    for (const event of recorded.events) io.notify(event);
    throw err;
  }
}
