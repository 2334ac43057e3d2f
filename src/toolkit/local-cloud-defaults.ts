// Small on purpose: the CLI reads these while building its help, before any command runs.
export { DEFAULT_DATA_DIR, DEFAULT_PORT } from '../local-cloud/defaults.js';
