/**
 * 0 success; 1 the input or the target had a problem; 2 the command line was wrong (1 under
 * --detailed-exitcode, where 2 means "changes present"); 70 a bug of ours; 130 cancelled (Ctrl-C).
 */
export type ExitCode = 0 | 1 | 2 | 70 | 130;
