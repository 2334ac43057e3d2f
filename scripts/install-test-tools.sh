#!/usr/bin/env bash
# The third-party tools the fidelity suites (test/fidelity) check the local cloud against, installed
# when missing: AWS CLI v2 from Debian's `awscli` package (/usr/bin/aws). AWS CLI v1, botocore and
# moto come with the machine image (python3). Idempotent and quick when everything is there; run by
# `npm test` (pretest) and .ci/run. Set BULKHEAD_SKIP_TOOL_INSTALL=1 to only check.
set -euo pipefail

AWS_V2=/usr/bin/aws

# Fast path (no Python start-up): the package is installed at a 2.x version and its binary is there.
if [ -x "$AWS_V2" ] && dpkg-query -W -f='${Version}' awscli 2>/dev/null | grep -q '^2\.'; then
  exit 0
fi

fail() {
  echo "install-test-tools: $1" >&2
  echo "install-test-tools: the fidelity suites need AWS CLI v2 at $AWS_V2 (Debian package awscli);" \
    "install it with: apt-get update && apt-get install -y awscli" >&2
  exit 1
}

if [ "${BULKHEAD_SKIP_TOOL_INSTALL:-}" = 1 ]; then fail "$AWS_V2 is missing and BULKHEAD_SKIP_TOOL_INSTALL=1"; fi
command -v apt-get >/dev/null 2>&1 || fail "apt-get is not available on this machine"
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then SUDO=(sudo -n); else fail "not root and no sudo"; fi
else
  SUDO=()
fi

echo "install-test-tools: installing AWS CLI v2 (Debian package awscli) ..." >&2
log=$(mktemp)
trap 'rm -f "$log"' EXIT
export DEBIAN_FRONTEND=noninteractive
# The package lists may be absent on a fresh machine: update once, then install.
if ! "${SUDO[@]}" apt-get install -y --no-install-recommends awscli >"$log" 2>&1; then
  "${SUDO[@]}" apt-get update >"$log" 2>&1 || { tail -20 "$log" >&2; fail "apt-get update failed"; }
  "${SUDO[@]}" apt-get install -y --no-install-recommends awscli >"$log" 2>&1 ||
    { tail -20 "$log" >&2; fail "apt-get install awscli failed"; }
fi
"$AWS_V2" --version 2>&1 | grep -q '^aws-cli/2\.' || fail "$AWS_V2 is not AWS CLI v2 after installing: $("$AWS_V2" --version 2>&1)"
echo "install-test-tools: $("$AWS_V2" --version 2>&1)" >&2
