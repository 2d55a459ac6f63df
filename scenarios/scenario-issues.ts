// Scenario YAML -> plain value with a field-path -> line lookup, and zod issues -> messages a person
// editing the file can act on: `<file>:<line>: <field path>: <what is wrong>`.
import { isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import type { Node } from 'yaml';
import type { z } from 'zod';
import { ScenarioError } from './scenario-errors.ts';
import type { ScenarioIssue } from './scenario-errors.ts';

type Path = readonly PropertyKey[];
export type LocateLine = (path: Path) => number | undefined;

const MAX_LISTED = 20;
/** Placeholder an object's unknown-key message may carry; replaced by each unknown key. */
export const UNKNOWN_KEY = '{key}';

/** Parses YAML (JSON is a subset); syntax errors throw SCENARIO_ERR_YAML naming the line. */
export function readScenarioYaml(text: string, source: string): { value: unknown; locate: LocateLine } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const issues = doc.errors.slice(0, MAX_LISTED).map((e) => ({
      path: '',
      message: `YAML syntax error: ${e.message.split('\n')[0]}`,
      line: lineCounter.linePos(e.pos[0]).line,
    }));
    throw new ScenarioError('SCENARIO_ERR_YAML', renderIssues(issues, source), { issues });
  }
  // maxAliasCount bounds alias expansion ("billion laughs").
  const value: unknown = doc.toJS({ maxAliasCount: 100 });
  const lineOf = (node: unknown): number | undefined => {
    const range = (node as Node | null | undefined)?.range;
    return range ? lineCounter.linePos(range[0]).line : undefined;
  };
  const locate: LocateLine = (path) => {
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
  return { value, locate };
}

export function formatPath(path: Path): string {
  let s = '';
  for (const seg of path) s += typeof seg === 'number' ? `[${seg}]` : s === '' ? String(seg) : `.${String(seg)}`;
  return s;
}

/** SCENARIO_ERR_INVALID with one located line per problem. */
export function invalidScenario(issues: readonly z.core.$ZodIssue[], root: unknown, source: string, locate?: LocateLine): ScenarioError {
  const flat: { path: Path; message: string }[] = [];
  for (const issue of issues) flatten(issue, [], root, flat);
  const seen = new Set<string>();
  const out: ScenarioIssue[] = [];
  for (const f of flat) {
    const key = `${formatPath(f.path)}\0${f.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const line = locate?.(f.path);
    out.push({ path: formatPath(f.path), message: f.message, ...(line === undefined ? {} : { line }) });
  }
  return new ScenarioError('SCENARIO_ERR_INVALID', renderIssues(out, source), { issues: out });
}

export function renderIssues(issues: readonly ScenarioIssue[], source: string): string {
  const lines = issues.slice(0, MAX_LISTED).map((i) => {
    const where = i.line === undefined ? source : `${source}:${i.line}`;
    return i.path === '' ? `${where}: ${i.message}` : `${where}: ${i.path}: ${i.message}`;
  });
  if (issues.length > MAX_LISTED) lines.push(`... and ${issues.length - MAX_LISTED} more`);
  return lines.join('\n');
}

function flatten(issue: z.core.$ZodIssue, prefix: Path, root: unknown, out: { path: Path; message: string }[]): void {
  const path = [...prefix, ...issue.path];
  const value = valueAt(root, path);
  if (issue.code === 'unrecognized_keys') {
    for (const key of issue.keys) {
      const message = issue.message.includes(UNKNOWN_KEY) ? issue.message.replaceAll(UNKNOWN_KEY, key) : `unknown field '${key}'`;
      out.push({ path: [...path, key], message });
    }
    return;
  }
  if (value === undefined && path.length > 0 && isShapeIssue(issue) && !hasOwnMessage(issue)) {
    out.push({ path, message: 'is required' });
    return;
  }
  if (issue.code === 'invalid_union' && issue.errors.length > 0) {
    const branch = meantBranch(issue.errors);
    if (branch && (isGeneric(issue.message) || branch.some((i) => i.path.length > 0))) {
      for (const inner of branch) flatten(inner, path, root, out);
      return;
    }
  }
  out.push({ path, message: isGeneric(issue.message) ? plainMessage(issue, value) : issue.message });
}

const isShapeIssue = (i: z.core.$ZodIssue): boolean => i.code === 'invalid_type' || i.code === 'invalid_union' || i.code === 'invalid_value';
const isGeneric = (message: string): boolean => /^(Invalid input|Invalid option|Too (small|big)|Invalid string)/.test(message);
// A discriminator's message (e.g. "expected kind: outage | ...") says more than "is required".
const hasOwnMessage = (i: z.core.$ZodIssue): boolean => i.code === 'invalid_union' && 'discriminator' in i && !isGeneric(i.message);

// Union branches here differ in type or in which keys they take. A branch that failed on the type or on
// an unknown key at the union's own level is not the one the author meant; if exactly one remains, its
// issues are the useful ones. Otherwise the union's own message (listing the accepted shapes) is clearer.
function meantBranch(branches: readonly (readonly z.core.$ZodIssue[])[]): readonly z.core.$ZodIssue[] | undefined {
  const meant = branches.filter((b) => !b.some((i) => i.path.length === 0 && (i.code === 'invalid_type' || i.code === 'unrecognized_keys')));
  if (meant.length === 1) return meant[0];
  const nested = meant.filter((b) => b.every((i) => i.path.length > 0));
  return nested.length === 1 ? nested[0] : undefined;
}

function plainMessage(issue: z.core.$ZodIssue, value: unknown): string {
  switch (issue.code) {
    case 'invalid_type':
      return `expected ${issue.expected === 'int' ? 'an integer' : issue.expected}, got ${describeValue(value)}`;
    case 'invalid_value':
      return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}, got ${describeValue(value)}`;
    case 'too_small':
      return `must be ${issue.inclusive ? '>=' : '>'} ${String(issue.minimum)}${issue.origin === 'array' ? ' items' : issue.origin === 'string' ? ' characters' : ''}`;
    case 'too_big':
      return `must be ${issue.inclusive ? '<=' : '<'} ${String(issue.maximum)}${issue.origin === 'array' ? ' items' : issue.origin === 'string' ? ' characters' : ''}`;
    default:
      return issue.message;
  }
}

function describeValue(value: unknown): string {
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
