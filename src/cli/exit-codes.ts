/** A command's own exit code that `bulkhead exec` passes on (0–255, 126/127 and 128+n as a shell gives them). */
export type PassedThroughExit = number & { readonly passedThrough: true };

/**
 * 0 success; 1 the input or the target had a problem; 2 the command line was wrong (1 under
 * --detailed-exitcode, where 2 means "changes present"); 70 a bug of ours; 130 cancelled (Ctrl-C);
 * for `exec`, whatever the command it ran exited with.
 */
export type ExitCode = 0 | 1 | 2 | 70 | 130 | PassedThroughExit;

export function passedThrough(code: number): PassedThroughExit {
  return (Number.isInteger(code) && code >= 0 && code <= 255 ? code : 1) as PassedThroughExit;
}
