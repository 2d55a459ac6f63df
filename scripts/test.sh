#!/usr/bin/env bash
# The project's one test command (`npm test`): prepare the environment, typecheck, run every vitest
# project (unit, conformance, interop, e2e, containers). Extra arguments go to vitest.
# A failed typecheck does not stop the tests from running, so one CI run reports both; the exit
# status is non-zero if any phase failed.
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

failed=()
phase() {
  local name="$1"
  shift
  local started=$SECONDS status=0
  printf '\n=== %s ===\n' "$name"
  "$@" || status=$?
  if [ "$status" -eq 0 ]; then
    printf '=== %s: ok in %ss ===\n' "$name" "$((SECONDS - started))"
  else
    printf '=== %s: FAILED (exit %s) in %ss ===\n' "$name" "$status" "$((SECONDS - started))"
    failed+=("$name")
  fi
}

# A fresh clone may run `npm test` first: install the locked dependencies when there are none.
if [ ! -d node_modules ]; then
  phase "npm ci" npm ci --no-audit --no-fund
fi
phase "setup test environment" bash scripts/setup-test-env.sh
phase "typecheck" npx tsc --noEmit -p tsconfig.json
phase "vitest (all projects)" npx vitest run "$@"

if [ "${#failed[@]}" -gt 0 ]; then
  printf '\nFAILED phases: %s\n' "${failed[*]}"
  exit 1
fi
printf '\nall test phases passed\n'
