// Turns YAML syntax errors and schema issues into one KitError a person can act on:
// `<source>:<line>: <field path>: <what is wrong>`, one line per problem.

import { isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import type { Node } from 'yaml';
import type { z } from 'zod';
import { KitError } from './kit-errors.ts';
import type { KitIssue } from './kit-errors.ts';

type Path = readonly PropertyKey[];
type Locate = (path: Path) => number | undefined;

const MAX_LISTED = 20;

/** YAML (JSON is a subset) -> plain value plus a path -> line lookup; syntax errors throw. */
export function parseBehaviourText(text: string, source: string): { value: unknown; locate: Locate } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const issues: KitIssue[] = doc.errors.slice(0, MAX_LISTED).map((e) => ({
      path: '',
      message: `YAML syntax error: ${e.message.split('\n')[0]}`,
      line: lineCounter.linePos(e.pos[0]).line,
    }));
    throw new KitError('KIT_ERR_BEHAVIOUR_INVALID', render(issues, source), { issues });
  }
  // maxAliasCount bounds alias expansion ("billion laughs") in bodies sent to the admin API.
  const value: unknown = doc.toJS({ maxAliasCount: 100 });
  const locate: Locate = (path) => {
    let node: unknown = doc.contents;
    let line: number | undefined = lineOf(node, lineCounter);
    for (const seg of path) {
      if (isMap(node)) {
        const pair = node.items.find((p) => (isScalar(p.key) ? p.key.value : p.key) === seg);
        if (!pair) break;
        // A field's line is its key's line, also when the value is a nested block.
        line = lineOf(pair.key, lineCounter) ?? line;
        node = pair.value;
      } else if (isSeq(node) && typeof seg === 'number') {
        const item = node.items[seg];
        if (item === undefined) break;
        line = lineOf(item, lineCounter) ?? line;
        node = item;
      } else {
        break;
      }
    }
    return line;
  };
  return { value, locate };
}

function lineOf(node: unknown, lineCounter: LineCounter): number | undefined {
  const range = (node as Node | null | undefined)?.range;
  return range ? lineCounter.linePos(range[0]).line : undefined;
}

export function validationError(issues: readonly z.core.$ZodIssue[], root: unknown, source: string, locate?: Locate): KitError {
  const flat: { path: Path; message: string }[] = [];
  for (const issue of issues) flatten(issue, [], root, flat);
  const out: KitIssue[] = flat.map((f) => {
    const line = locate?.(f.path);
    return line === undefined ? { path: formatPath(f.path), message: f.message } : { path: formatPath(f.path), message: f.message, line };
  });
  return new KitError('KIT_ERR_BEHAVIOUR_INVALID', render(out, source), { issues: out });
}

function flatten(issue: z.core.$ZodIssue, prefix: Path, root: unknown, out: { path: Path; message: string }[]): void {
  const path = [...prefix, ...issue.path];
  const value = valueAt(root, path);
  if (value === undefined && path.length > 0 && (issue.code === 'invalid_type' || issue.code === 'invalid_union' || issue.code === 'invalid_value')) {
    out.push({ path, message: 'is required' });
    return;
  }
  if (path.length === 0 && issue.code === 'invalid_type') {
    const got = value === null || value === undefined ? 'an empty document' : Array.isArray(value) ? 'a list' : `a ${typeof value}`;
    out.push({ path, message: `expected a mapping (version: 1, rules: ..., reports: ...), got ${got}` });
    return;
  }
  if (issue.code === 'unrecognized_keys') {
    for (const key of issue.keys) out.push({ path: [...path, key], message: 'unknown field' });
    return;
  }
  if (issue.code === 'invalid_union' && issue.errors.length > 0) {
    const branch = pickBranch(issue.errors);
    if (branch) {
      for (const inner of branch) flatten(inner, path, root, out);
      return;
    }
    const custom = isGeneric(issue.message) ? customRootMessage(issue.errors) : undefined;
    out.push({ path, message: custom ?? issue.message });
    return;
  }
  out.push({ path, message: issue.message });
}

// Union branches here are told apart by type or by which key is present. A branch that failed on the
// type or on an unexpected key at the union's own level is not the one the author meant; if exactly
// one branch remains, its issues are the useful ones. Otherwise the union's message (which lists the
// accepted shapes) is clearer than any branch's.
function pickBranch(branches: readonly (readonly z.core.$ZodIssue[])[]): readonly z.core.$ZodIssue[] | undefined {
  const meant = branches.filter((b) => !b.some((i) => i.path.length === 0 && (i.code === 'invalid_type' || i.code === 'unrecognized_keys')));
  if (meant.length === 1) return meant[0];
  // e.g. a list given where one-or-many is allowed: the list branch failed on an item, the scalar on the whole.
  const nested = meant.filter((b) => b.every((i) => i.path.length > 0));
  return nested.length === 1 ? nested[0] : undefined;
}

/** A branch's hand-written message (e.g. the hint to quote numbers) beats zod's generic one. */
function customRootMessage(branches: readonly (readonly z.core.$ZodIssue[])[]): string | undefined {
  for (const b of branches) for (const i of b) if (i.path.length === 0 && !isGeneric(i.message)) return i.message;
  return undefined;
}

function isGeneric(message: string): boolean {
  return message.startsWith('Invalid input');
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

function render(issues: readonly KitIssue[], source: string): string {
  const lines = issues.slice(0, MAX_LISTED).map((i) => {
    const where = i.line === undefined ? source : `${source}:${i.line}`;
    return i.path === '' ? `${where}: ${i.message}` : `${where}: ${i.path}: ${i.message}`;
  });
  if (issues.length > MAX_LISTED) lines.push(`... and ${issues.length - MAX_LISTED} more`);
  return lines.join('\n');
}
