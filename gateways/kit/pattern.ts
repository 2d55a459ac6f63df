// Text patterns in behaviour files: globs ('0109999*', '010????1234') for numbers and accounts,
// /regex/flags anywhere, plain regex source for content. Compiled once, matched ~50k times a second.

const REGEX_LITERAL = /^\/(.+)\/([a-z]*)$/s;

export type TextMatcher = (text: string) => boolean;

export function isRegexLiteral(p: string): boolean {
  return REGEX_LITERAL.test(p);
}

/** A RegExp for '/source/flags' or for plain regex source; throws SyntaxError when it does not compile. */
export function parseRegexLiteral(p: string): RegExp {
  const m = REGEX_LITERAL.exec(p);
  if (!m) return new RegExp(p);
  // 'g' and 'y' make test() stateful across calls, which would make matching depend on history.
  return new RegExp(m[1], m[2].replace(/[gy]/g, ''));
}

function escapeRegex(s: string): string {
  return s.replace(/[.+^${}()|[\]\\]/g, '\\$&');
}

/** Glob (* any run, ? one char, anchored at both ends) or /regex/. */
export function compileGlob(p: string): TextMatcher {
  if (isRegexLiteral(p)) return regexMatcher(parseRegexLiteral(p));
  const star = p.indexOf('*');
  const wild = star >= 0 || p.includes('?');
  if (!wild) return (t) => t === p;
  // The common shapes (prefix / suffix) skip the regex engine.
  if (!p.includes('?') && star === p.length - 1 && p.indexOf('*') === p.lastIndexOf('*')) {
    const prefix = p.slice(0, -1);
    return (t) => t.startsWith(prefix);
  }
  if (!p.includes('?') && star === 0 && p.lastIndexOf('*') === 0) {
    const suffix = p.slice(1);
    return (t) => t.endsWith(suffix);
  }
  const source = p
    .split('')
    .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : escapeRegex(c)))
    .join('');
  return regexMatcher(new RegExp(`^${source}$`, 's'));
}

/** Content patterns: always a regex (unanchored), plain text being regex source. */
export function compileContentPattern(p: string): TextMatcher {
  return regexMatcher(parseRegexLiteral(p));
}

function regexMatcher(re: RegExp): TextMatcher {
  return (t) => re.test(t);
}

/** Matches when any of the patterns matches. */
export function anyOf(patterns: string | readonly string[], compile: (p: string) => TextMatcher): TextMatcher {
  const list = typeof patterns === 'string' ? [patterns] : patterns;
  const matchers = list.map(compile);
  if (matchers.length === 1) return matchers[0];
  return (t) => matchers.some((m) => m(t));
}
