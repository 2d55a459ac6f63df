// Load profile files -> validated LoadProfile. A profile is named by path or by the name of a shipped
// one (load/profiles/<name>.yaml). Every problem is reported as `<file>:<line>: <field path>: <what is
// wrong>` so a planner can jump to it; nothing is started or contacted here.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeIssues, notAMapping, readYamlText, renderIssues } from '../gateways/kit/yaml-issues.ts';
import { LoadError } from './load-errors.ts';
import { loadProfileSchema, type LoadProfile } from './load-profile-schema.ts';

export const PROFILES_DIR = fileURLToPath(new URL('./profiles/', import.meta.url));

/** Names of the shipped profiles (file names without .yaml). */
export function listShippedProfiles(): string[] {
  return readdirSync(PROFILES_DIR)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => f.slice(0, -5))
    .sort();
}

/** A path, or the name of a shipped profile with or without `.yaml`. Throws LOAD_ERR_FILE / _YAML / _INVALID. */
export function readLoadProfile(pathOrName: string): LoadProfile {
  const shipped = join(PROFILES_DIR, pathOrName.endsWith('.yaml') ? pathOrName : `${pathOrName}.yaml`);
  const path = existsSync(pathOrName) || pathOrName.includes('/') ? pathOrName : shipped;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const known = listShippedProfiles().join(', ');
    throw new LoadError('LOAD_ERR_FILE', `cannot read load profile ${pathOrName}: ${(e as Error).message} (shipped profiles: ${known})`, { cause: e });
  }
  return parseLoadProfile(text, path);
}

/** Validates profile YAML (or JSON) text; `source` names it in errors. */
export function parseLoadProfile(text: string, source = 'load profile'): LoadProfile {
  const read = readYamlText(text);
  if (!read.ok) throw new LoadError('LOAD_ERR_YAML', renderIssues(read.issues, source), { issues: read.issues });
  const { value, locate } = read;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    const issue = { path: '', message: notAMapping(value, 'name: ..., phases: ..., targets: ...') };
    throw new LoadError('LOAD_ERR_INVALID', renderIssues([issue], source), { issues: [issue] });
  }
  const parsed = loadProfileSchema.safeParse(value);
  if (!parsed.success) {
    const issues = describeIssues(parsed.error.issues, value, locate);
    throw new LoadError('LOAD_ERR_INVALID', renderIssues(issues, source), { issues });
  }
  return parsed.data;
}
