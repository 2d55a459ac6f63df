// Load profile files -> validated LoadProfile. A profile is named by path or by the name of a shipped
// one (load/profiles/<name>.yaml). Every problem is reported as `<file>:<line>: <field path>: <what is
// wrong>` so a planner can jump to it; nothing is started or contacted here.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import type { Node } from 'yaml';
import type { z } from 'zod';
import { LoadError, type LoadIssue } from './load-errors.ts';
import { loadProfileSchema, type LoadProfile } from './load-profile-schema.ts';

export const PROFILES_DIR = fileURLToPath(new URL('./profiles/', import.meta.url));

type Path = readonly PropertyKey[];
type Locate = (path: Path) => number | undefined;
const MAX_LISTED = 20;

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
  const { value, locate } = readYaml(text, source);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    const got = value === null || value === undefined ? 'an empty document' : Array.isArray(value) ? 'a list' : `a ${typeof value}`;
    const issue = { path: '', message: `expected a mapping (name: ..., phases: ..., targets: ...), got ${got}` };
    throw new LoadError('LOAD_ERR_INVALID', render([issue], source), { issues: [issue] });
  }
  const parsed = loadProfileSchema.safeParse(value);
  if (!parsed.success) {
    const issues = toIssues(parsed.error.issues, value, locate);
    throw new LoadError('LOAD_ERR_INVALID', render(issues, source), { issues });
  }
  return parsed.data;
}

function readYaml(text: string, source: string): { value: unknown; locate: Locate } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const issues = doc.errors.slice(0, MAX_LISTED).map((e) => ({ path: '', message: `YAML syntax error: ${e.message.split('\n')[0]}`, line: lineCounter.linePos(e.pos[0]).line }));
    throw new LoadError('LOAD_ERR_YAML', render(issues, source), { issues });
  }
  const lineOf = (node: unknown): number | undefined => {
    const range = (node as Node | null | undefined)?.range;
    return range ? lineCounter.linePos(range[0]).line : undefined;
  };
  const locate: Locate = (path) => {
    let node: unknown = doc.contents;
    let line = lineOf(node);
    for (const seg of path) {
      if (isMap(node)) {
        const pair = node.items.find((p) => String(isScalar(p.key) ? p.key.value : p.key) === String(seg));
        if (!pair) break;
        // A field's line is its key's line, also when its value is a nested block.
        line = lineOf(pair.key) ?? line;
        node = pair.value;
      } else if (isSeq(node) && typeof seg === 'number') {
        node = node.items[seg];
        if (node === undefined) break;
        line = lineOf(node) ?? line;
      } else {
        break;
      }
    }
    return line;
  };
  // maxAliasCount bounds alias expansion ("billion laughs").
  return { value: doc.toJS({ maxAliasCount: 100 }), locate };
}

function toIssues(zodIssues: readonly z.core.$ZodIssue[], root: unknown, locate: Locate): LoadIssue[] {
  const flat: { path: Path; message: string }[] = [];
  for (const issue of zodIssues) flatten(issue, [], root, flat);
  const seen = new Set<string>();
  const out: LoadIssue[] = [];
  for (const f of flat) {
    const path = formatPath(f.path);
    if (seen.has(`${path}\0${f.message}`)) continue;
    seen.add(`${path}\0${f.message}`);
    const line = locate(f.path);
    out.push({ path, message: f.message, ...(line === undefined ? {} : { line }) });
  }
  return out;
}

function flatten(issue: z.core.$ZodIssue, prefix: Path, root: unknown, out: { path: Path; message: string }[]): void {
  const path = [...prefix, ...issue.path];
  const value = valueAt(root, path);
  if (issue.code === 'unrecognized_keys') {
    for (const key of issue.keys) out.push({ path: [...path, key], message: 'unknown field' });
    return;
  }
  if (value === undefined && path.length > 0 && (issue.code === 'invalid_type' || issue.code === 'invalid_value')) {
    out.push({ path, message: 'is required' });
    return;
  }
  if (issue.code === 'invalid_union' && issue.errors.length > 0) {
    // The branch that did not fail on its own shape (type or unknown key) is the one the author meant.
    const meant = issue.errors.filter((b) => !b.some((i) => i.path.length === 0 && (i.code === 'invalid_type' || i.code === 'unrecognized_keys')));
    if (meant.length === 1) {
      for (const inner of meant[0]) flatten(inner, path, root, out);
      return;
    }
  }
  out.push({ path, message: plainMessage(issue, value) });
}

function plainMessage(issue: z.core.$ZodIssue, value: unknown): string {
  if (!/^(Invalid input|Invalid option|Too (small|big))/.test(issue.message)) return issue.message;
  switch (issue.code) {
    case 'invalid_type':
      return `expected ${issue.expected === 'int' ? 'an integer' : issue.expected}, got ${describe(value)}`;
    case 'invalid_value':
      return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}, got ${describe(value)}`;
    case 'too_small':
      return `must be ${issue.inclusive ? '>=' : '>'} ${String(issue.minimum)}${issue.origin === 'array' ? ' items' : ''}`;
    case 'too_big':
      return `must be ${issue.inclusive ? '<=' : '<'} ${String(issue.maximum)}${issue.origin === 'array' ? ' items' : ''}`;
    default:
      return issue.message;
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `'${value.length > 40 ? `${value.slice(0, 40)}...` : value}'`;
  return `${typeof value} ${String(value)}`;
}

function valueAt(root: unknown, path: Path): unknown {
  let v: unknown = root;
  for (const seg of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[seg];
  }
  return v;
}

function formatPath(path: Path): string {
  let s = '';
  for (const seg of path) s += typeof seg === 'number' ? `[${seg}]` : s === '' ? String(seg) : `.${String(seg)}`;
  return s;
}

function render(issues: readonly LoadIssue[], source: string): string {
  const lines = issues.slice(0, MAX_LISTED).map((i) => {
    const where = i.line === undefined ? source : `${source}:${i.line}`;
    return i.path === '' ? `${where}: ${i.message}` : `${where}: ${i.path}: ${i.message}`;
  });
  if (issues.length > MAX_LISTED) lines.push(`... and ${issues.length - MAX_LISTED} more`);
  return lines.join('\n');
}
