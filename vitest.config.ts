import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// Node parses the certificate bundle NODE_EXTRA_CA_CERTS names at every start, before any code runs: on a machine
// whose environment points it at the system bundle, that is ~0.1 s for each test worker and for each CLI, daemon and
// helper the tests start (the CLI tests ran 20% faster without it). Every test talks plain HTTP to a local endpoint
// (the local cloud, moto), so none needs it; the workers and what they start inherit this environment.
delete process.env['NODE_EXTRA_CA_CERTS'];

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Vitest's default is one worker fewer than the CPUs: one on a 2-core machine, where most tests wait on a CLI, a
    // daemon or moto they started. Two workers there: the whole suite 662 → 368 s, every timing bound still held.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Bulkhead pins SDK releases that support Node 20; their notice about later releases is noise in test logs.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  },
});
