// The local cloud as the toolkit offers it to the CLI and the dashboard.
export {
  findRunningLocalCloud,
  resetLocalCloud,
  startDetachedLocalCloud,
  startLocalCloud,
  stopLocalCloud,
  type LocalCloud,
  type LocalCloudOptions,
  type RunningLocalCloud,
} from '../local-cloud/index.js';
