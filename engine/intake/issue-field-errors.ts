// zod issues -> FieldErrors named the way a client writes the field: recipients[3].to, media[0].data,
// template.variables.name. An unknown field is named itself (rcs.cards[0].colour), not its parent.
import type { z } from 'zod';
import type { FieldError } from './intake.ts';

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** ['recipients', 3, 'to'] -> 'recipients[3].to'; a key that is not an identifier is quoted: variables["a b"]. */
export function fieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else {
      const key = String(seg);
      if (IDENTIFIER.test(key)) out += out === '' ? key : `.${key}`;
      else out += `[${JSON.stringify(key)}]`;
    }
  }
  return out;
}

/** Joins a prefix ('recipients[3].' or '') and a relative field ('to'). */
export function prefixed(prefix: string, field: string): string {
  if (prefix === '') return field;
  if (field === '') return prefix.endsWith('.') ? prefix.slice(0, -1) : prefix;
  return field.startsWith('[') && prefix.endsWith('.') ? prefix.slice(0, -1) + field : prefix + field;
}

export interface IssueOptions {
  /** Code for an issue at this field (default ENGINE_ERR_BAD_REQUEST). */
  codeFor?: (field: string) => string;
  /** Stop after this many errors. */
  limit?: number;
}

export function issuesToFieldErrors(issues: readonly z.core.$ZodIssue[], opts: IssueOptions = {}): FieldError[] {
  const codeFor = opts.codeFor ?? (() => 'ENGINE_ERR_BAD_REQUEST');
  const limit = opts.limit ?? Number.POSITIVE_INFINITY;
  const out: FieldError[] = [];
  // One error per field: zod goes on checking a length after a type failure ("expected string,
  // received array" and then "expected array to have >=1 items"), which would only confuse.
  const seen = new Set<string>();
  for (const issue of issues) {
    if (out.length >= limit) break;
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        if (out.length >= limit) break;
        const field = fieldPath([...issue.path, key]);
        out.push({ field, code: codeFor(field), message: 'unknown field' });
      }
      continue;
    }
    const field = fieldPath(issue.path);
    if (seen.has(field)) continue;
    seen.add(field);
    out.push({ field, code: codeFor(field), message: describeIssue(issue) });
  }
  return out;
}

// zod's messages are kept except where they hide the point: a missing field, a bad record key.
function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type' && issue.message.endsWith('received undefined')) return `required (expected ${issue.expected})`;
  if (issue.code === 'invalid_key') return `bad key: ${issue.issues[0]?.message ?? issue.message}`;
  return issue.message;
}
