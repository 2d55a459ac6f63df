// Tests against real peers need software this repository does not ship (Kannel, Net::SMPP, a Docker
// engine). When something is missing, CI must fail loudly; a developer's machine may skip with the reason.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'vitest';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url)).replace(/\/$/, '');

const setupHint = 'run `bash scripts/setup-test-env.sh` as root (it installs docker.io kannel libnet-smpp-perl and starts dockerd)';

/** Returns a description of the missing piece, or undefined when it is there. */
export type PrerequisiteCheck = () => string | undefined | Promise<string | undefined>;

export function commandOnPath(name: string, pkg: string): PrerequisiteCheck {
  return () => {
    for (const dir of (process.env.PATH ?? '').split(delimiter)) {
      if (!dir) continue;
      try {
        accessSync(join(dir, name), constants.X_OK);
        return undefined;
      } catch {
        // not in this directory
      }
    }
    return `command \`${name}\` not found (Debian package ${pkg})`;
  };
}

export function perlModule(module: string, pkg: string): PrerequisiteCheck {
  return () => {
    const result = spawnSync('perl', [`-M${module}`, '-e', '1'], { encoding: 'utf8', timeout: 10_000 });
    return result.status === 0 ? undefined : `perl module ${module} not available (Debian package ${pkg})`;
  };
}

export function repoPath(relative: string, what: string): PrerequisiteCheck {
  return () => (existsSync(join(repoRoot, relative)) ? undefined : `${what} (${relative}) is not in this checkout`);
}

export async function findMissing(checks: PrerequisiteCheck[]): Promise<string[]> {
  const missing: string[] = [];
  for (const check of checks) {
    const reason = await check();
    if (reason) missing.push(reason);
  }
  return missing;
}

export function isCi(): boolean {
  const ci = process.env.CI;
  return ci !== undefined && ci !== '' && ci !== '0' && ci.toLowerCase() !== 'false';
}

/**
 * describe() when every prerequisite is there. Otherwise, under CI a single failing test names what is
 * missing; locally the suite is skipped and the reason printed.
 */
export function describeWithPrerequisites(title: string, missing: string[], body: () => void): void {
  if (missing.length === 0) {
    describe(title, body);
    return;
  }
  const reason = `${title}: missing prerequisites:\n  - ${missing.join('\n  - ')}\n  (${setupHint})`;
  if (isCi()) {
    describe(title, () => {
      it('has its prerequisites installed', () => {
        throw new Error(reason);
      });
    });
    return;
  }
  console.warn(`SKIPPED (not under CI) ${reason}`);
  describe.skip(title, body);
}
