/** Every code the library emits, with its level. docs/architecture.md lists them with their data. */
export const EVENT_CODES = {
  'spec.diagnostic': 'info',
  'target.local-cloud-started': 'info',
  'target.identity': 'info',
  'refresh.progress': 'info',
  'refresh.assignments': 'info',
  'refresh.identity-region': 'info',
  'plan.ready': 'info',
  'apply.lock': 'info',
  'apply.lock-release-failed': 'error',
  'apply.change': 'info',
  'apply.cancelling': 'warn',
  'apply.result': 'info',
  'demo.step': 'info',
  'demo.result': 'info',
} as const;

export type EventCode = keyof typeof EVENT_CODES;
export type EventLevel = 'debug' | 'info' | 'warn' | 'error';
