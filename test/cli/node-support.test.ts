import { afterEach, describe, expect, it } from 'vitest';
import { silencesSdkNodeNotice } from '../../src/cli/main.js';
import { runCli } from './run-cli.js';

const VARIABLE = 'AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED';

describe("the SDK's Node-version notice", () => {
  const before = process.env[VARIABLE];
  afterEach(() => {
    if (before === undefined) delete process.env[VARIABLE];
    else process.env[VARIABLE] = before;
  });

  it.each([
    ['20.19.0', true],
    ['21.7.3', true],
    ['22.0.0', false],
    ['24.21.0', false],
  ])('Node %s: silenced %s', (version, silenced) => {
    expect(silencesSdkNodeNotice(version)).toBe(silenced);
  });

  it(`on this Node (${process.versions.node}) main sets the variable only below 22`, async () => {
    delete process.env[VARIABLE];
    await runCli(['--version']);
    expect(process.env[VARIABLE]).toBe(Number(process.versions.node.split('.')[0]) < 22 ? 'true' : undefined);
  });
});
