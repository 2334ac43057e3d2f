import { RecordingIoHost, type IoHost } from '../../core/events.js';

/**
 * Checks the spec before anything connects (no local cloud started, no AWS call) for a broken
 * spec. Quiet when valid: the toolkit reports the warnings once, as part of the command.
 */
export async function requireValidSpec(file: string, io: IoHost): Promise<void> {
  const { loadValidModel } = await import('../../toolkit/plan.js');
  const recorded = new RecordingIoHost();
  try {
    await loadValidModel(file, recorded);
  } catch (err) {
    for (const event of recorded.events) io.notify(event);
    throw err;
  }
}
