// SOAP 1.1 and the MM7 schema namespaces (TS 23.140). A relay accepts every namespace below and answers
// in the request's own namespace and MM7Version, as deployed MMSCs do; the pairing of a namespace with
// an MM7Version is a convention, not a rule, so only the major version is checked against the release.

export const SOAP_ENV_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
export const MM7_NS_BASE = 'http://www.3gpp.org/ftp/Specs/archive/23_series/23.140/schema/';

export const MM7_SCHEMAS = [
  'REL-5-MM7-1-0',
  'REL-5-MM7-1-1',
  'REL-5-MM7-1-2',
  'REL-5-MM7-1-3',
  'REL-5-MM7-1-4',
  'REL-5-MM7-1-5',
  'REL-6-MM7-1-0',
  'REL-6-MM7-1-1',
  'REL-6-MM7-1-2',
  'REL-6-MM7-1-3',
  'REL-6-MM7-1-4',
] as const;
export type Mm7Schema = (typeof MM7_SCHEMAS)[number];

export const MM7_NAMESPACES: readonly string[] = MM7_SCHEMAS.map((s) => MM7_NS_BASE + s);

/** The namespace most VASPs send today, and the default when a request carries none to echo. */
export const DEFAULT_MM7_NAMESPACE = MM7_NS_BASE + 'REL-6-MM7-1-4';

/** MM7Version values commonly paired with each release (first = what this codec writes by default). */
const DEFAULT_VERSION: Record<string, string> = { '5': '5.3.0', '6': '6.8.0' };

export function isMm7Namespace(ns: string): boolean {
  return MM7_NAMESPACES.includes(ns);
}

/** True for anything shaped like a 23.140 schema namespace, known or not (unknown ones answer 4002). */
export function looksLikeMm7Namespace(ns: string): boolean {
  return ns.startsWith(MM7_NS_BASE) || /\/23\.140\/schema\/REL-\d+-MM7-/.test(ns);
}

/** 5 or 6 for a known namespace, else null. */
export function releaseOf(ns: string): number | null {
  const m = /REL-(\d+)-MM7-1-\d+$/.exec(ns);
  return m && isMm7Namespace(ns) ? Number(m[1]) : null;
}

export function defaultMm7Version(ns: string): string {
  return DEFAULT_VERSION[String(releaseOf(ns) ?? 6)];
}

/**
 * Whether an MM7Version is one this relay speaks: 5.x.y or 6.x.y. The pairing with the namespace is not
 * checked: VASPs in the field send REL-5-MM7-1-3 with 5.6.0, REL-6-MM7-1-4 with 6.7.0 or 6.8.0, and real
 * relays accept such mismatches.
 */
export function isSupportedMm7Version(version: string): boolean {
  return /^[56]\.\d{1,3}\.\d{1,3}$/.test(version.trim());
}
