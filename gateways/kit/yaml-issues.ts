// What every YAML file a person writes (behaviour models, engine configs, scenarios, load profiles)
// shares: parsing with a field-path -> line lookup, and turning zod issues into lines a person editing
// the file can act on, `<file>:<line>: <field path>: <what is wrong>`. Each package wraps the result
// in its own error (KitError, ScenarioError, LoadError) with its own stable codes.
import { isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import type { Node } from 'yaml';
import type { z } from 'zod';

export type FieldPath = readonly PropertyKey[];
export type LocateLine = (path: FieldPath) => number | undefined;

export interface SourceIssue {
  /** Field path, e.g. `traffic[2].batch.recipients.count`; empty for the whole document. */
  path: string;
  message: string;
  /** 1-based line in the YAML source, when known. */
  line?: number;
}

const MAX_LISTED = 20;
/** Placeholder an object's unknown-key message may carry; replaced by each unknown key. */
export const UNKNOWN_KEY = '{key}';

export type YamlText = { ok: true; value: unknown; locate: LocateLine } | { ok: false; issues: SourceIssue[] };

/** Parses YAML (JSON is a subset) with unique keys and bounded alias expansion; syntax errors name their line. */
export function readYamlText(text: string): YamlText {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const issues = doc.errors.slice(0, MAX_LISTED).map((e) => ({
      path: '',
      message: `YAML syntax error: ${e.message.split('\n')[0]}`,
      line: lineCounter.linePos(e.pos[0]).line,
    }));
    return { ok: false, issues };
  }
  // maxAliasCount bounds alias expansion ("billion laughs"), also in bodies sent to an admin API.
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
  return { ok: true, value, locate };
}

export function formatPath(path: FieldPath): string {
  let s = '';
  for (const seg of path) s += typeof seg === 'number' ? `[${seg}]` : s === '' ? String(seg) : `.${String(seg)}`;
  return s;
}

/**
 * One located issue per problem, duplicates dropped. `rootShape` describes the document's expected
 * top level (e.g. 'version: 1, rules: ..., reports: ...') for a file that is not a mapping at all.
 */
export function describeIssues(issues: readonly z.core.$ZodIssue[], root: unknown, locate?: LocateLine, rootShape?: string): SourceIssue[] {
  const flat: { path: FieldPath; message: string }[] = [];
  for (const issue of issues) flatten(issue, [], root, flat, rootShape);
  const seen = new Set<string>();
  const out: SourceIssue[] = [];
  for (const f of flat) {
    const key = `${formatPath(f.path)}\0${f.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const line = locate?.(f.path);
    out.push({ path: formatPath(f.path), message: f.message, ...(line === undefined ? {} : { line }) });
  }
  return out;
}

/** `<source>:<line>: <path>: <message>`, one line per issue, at most 20 listed. */
export function renderIssues(issues: readonly SourceIssue[], source: string): string {
  const lines = issues.slice(0, MAX_LISTED).map((i) => {
    const where = i.line === undefined ? source : `${source}:${i.line}`;
    return i.path === '' ? `${where}: ${i.message}` : `${where}: ${i.path}: ${i.message}`;
  });
  if (issues.length > MAX_LISTED) lines.push(`... and ${issues.length - MAX_LISTED} more`);
  return lines.join('\n');
}

/** "expected a mapping (…), got a list" for a document whose top level is not a mapping. */
export function notAMapping(value: unknown, rootShape: string): string {
  return `expected a mapping (${rootShape}), got ${value === null || value === undefined ? 'an empty document' : describeValue(value)}`;
}

function flatten(issue: z.core.$ZodIssue, prefix: FieldPath, root: unknown, out: { path: FieldPath; message: string }[], rootShape?: string): void {
  const path = [...prefix, ...issue.path];
  const value = valueAt(root, path);
  if (issue.code === 'unrecognized_keys') {
    for (const key of issue.keys) {
      const message = issue.message.includes(UNKNOWN_KEY) ? issue.message.replaceAll(UNKNOWN_KEY, key) : `unknown field '${key}'`;
      out.push({ path: [...path, key], message });
    }
    return;
  }
  if (path.length === 0 && issue.code === 'invalid_type' && rootShape !== undefined) {
    out.push({ path, message: notAMapping(value, rootShape) });
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
    // A branch's hand-written message (e.g. the hint to quote numbers) beats zod's generic one.
    if (isGeneric(issue.message)) {
      const custom = customRootMessage(issue.errors);
      if (custom !== undefined) {
        out.push({ path, message: custom });
        return;
      }
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
  // e.g. a list given where one-or-many is allowed: the list branch failed on an item, the scalar on the whole.
  const nested = meant.filter((b) => b.every((i) => i.path.length > 0));
  return nested.length === 1 ? nested[0] : undefined;
}

function customRootMessage(branches: readonly (readonly z.core.$ZodIssue[])[]): string | undefined {
  for (const b of branches) for (const i of b) if (i.path.length === 0 && !isGeneric(i.message)) return i.message;
  return undefined;
}

function plainMessage(issue: z.core.$ZodIssue, value: unknown): string {
  const unit = (origin: string): string => (origin === 'array' ? ' items' : origin === 'string' ? ' characters' : '');
  switch (issue.code) {
    case 'invalid_type':
      return `expected ${issue.expected === 'int' ? 'an integer' : issue.expected}, got ${describeValue(value)}`;
    case 'invalid_value':
      return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}, got ${describeValue(value)}`;
    case 'too_small':
      return `must be ${issue.inclusive ? '>=' : '>'} ${String(issue.minimum)}${unit(issue.origin)}`;
    case 'too_big':
      return `must be ${issue.inclusive ? '<=' : '<'} ${String(issue.maximum)}${unit(issue.origin)}`;
    default:
      return issue.message;
  }
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `'${value.length > 40 ? `${value.slice(0, 40)}...` : value}'`;
  return `${typeof value} ${String(value)}`;
}

function valueAt(root: unknown, path: FieldPath): unknown {
  let v: unknown = root;
  for (const seg of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[seg];
  }
  return v;
}
