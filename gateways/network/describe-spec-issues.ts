// Turns zod issues into messages a person editing a network file can act on: a dotted field path
// (rules[2].carrier.SKT) and, for YAML, the line of the offending key.
import type { z } from 'zod';
import { isMap, isPair, isScalar, isSeq } from 'yaml';
import type { Document, YAMLError } from 'yaml';
import type { NetworkIssue } from './network-errors.ts';

export type SpecIssue = NetworkIssue;
type Path = readonly PropertyKey[];

export function describeSpecIssues(issues: readonly z.core.$ZodIssue[], doc?: Document, text?: string): SpecIssue[] {
  const out: SpecIssue[] = [];
  for (const flat of flatten(issues, [])) {
    const line = doc !== undefined && text !== undefined ? lineOf(doc, text, flat.path) : undefined;
    out.push({ path: formatPath(flat.path), message: flat.message, ...(line === undefined ? {} : { line }) });
  }
  return out;
}

interface FlatIssue {
  path: Path;
  message: string;
}

function flatten(issues: readonly z.core.$ZodIssue[], base: Path): FlatIssue[] {
  const out: FlatIssue[] = [];
  for (const issue of issues) {
    const path = [...base, ...issue.path];
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) out.push({ path: [...path, key], message: `unknown field '${key}'` });
    } else if (issue.code === 'invalid_union') {
      out.push(...flatten(bestBranch(issue.errors), path));
    } else {
      out.push({ path, message: issue.message });
    }
  }
  return out;
}

/**
 * A union reports every branch's failure; show the branch the author evidently meant: skip branches that
 * failed only because the value had the wrong type, then prefer the one whose issues reach deepest.
 */
function bestBranch(branches: readonly (readonly z.core.$ZodIssue[])[]): readonly z.core.$ZodIssue[] {
  const wrongTypeOnly = (b: readonly z.core.$ZodIssue[]) => b.every((i) => i.code === 'invalid_type' && i.path.length === 0);
  const candidates = branches.filter((b) => !wrongTypeOnly(b));
  if (candidates.length === 0) return branches[0] ?? [];
  const depth = (b: readonly z.core.$ZodIssue[]) => Math.max(...b.map((i) => i.path.length));
  return candidates.reduce((best, b) => (depth(b) > depth(best) ? b : best));
}

export function formatPath(path: Path): string {
  let s = '';
  for (const seg of path) {
    if (typeof seg === 'number') s += `[${seg}]`;
    else s += s === '' ? String(seg) : `.${String(seg)}`;
  }
  return s;
}

/** Line of the deepest node on `path` that exists in the document (a key's line for map entries). */
function lineOf(doc: Document, text: string, path: Path): number | undefined {
  let node: unknown = doc.contents;
  let offset: number | undefined = rangeStart(node);
  for (const seg of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(seg));
      if (pair === undefined) break;
      offset = rangeStart(pair.key) ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof seg === 'number') {
      node = node.items[seg];
      if (node === undefined) break;
      offset = rangeStart(node) ?? offset;
    } else {
      break;
    }
  }
  return offset === undefined ? undefined : lineAt(text, offset);
}

function rangeStart(node: unknown): number | undefined {
  const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
  return range?.[0];
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

export function lineOfYamlError(err: YAMLError): number | undefined {
  return err.linePos?.[0]?.line;
}
