#!/usr/bin/env bash
# The project's one test command (`npm test`): prepare the environment, typecheck, run every vitest
# project (unit, conformance, fuzz, interop, e2e, containers, then the million-message campaign on its
# own). Extra arguments go to one `vitest run` instead.
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
if [ "$#" -gt 0 ]; then
  phase "vitest" npx vitest run "$@"
else
  phase "vitest (every project but the campaign)" npx vitest run --project '!campaign'
  # Alone: its expectation is a sustained rate, which test files running beside it would take away.
  phase "vitest (1M scheduled campaign)" npx vitest run --project campaign
fi

if [ "${#failed[@]}" -gt 0 ]; then
  printf '\nFAILED phases: %s\n' "${failed[*]}"
  exit 1
fi
printf '\nall test phases passed\n'
