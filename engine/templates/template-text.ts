// Template text with {{name}} placeholders, parsed once at registration so a send only concatenates.
// Names are letters (any script: {{이름}} is fine), digits and '_', not starting with a digit;
// spaces inside the braces are ignored. Values are inserted as plain text: a value that itself holds
// "{{x}}" stays as written (no second pass).

export interface ParsedText {
  /** literals.length === names.length + 1; the text is literals[0] names[0] literals[1] ... */
  literals: string[];
  names: string[];
}

export type ParseResult = { ok: true; parsed: ParsedText } | { ok: false; message: string };

const NAME = /^[\p{L}_][\p{L}\p{N}_]*$/u;

export function parseTemplateText(text: string): ParseResult {
  const literals: string[] = [];
  const names: string[] = [];
  let from = 0;
  for (;;) {
    const open = text.indexOf('{{', from);
    if (open < 0) break;
    const close = text.indexOf('}}', open + 2);
    if (close < 0) return { ok: false, message: `"{{" at ${open} is never closed with "}}"` };
    const name = text.slice(open + 2, close).trim();
    if (!NAME.test(name)) return { ok: false, message: `placeholder "{{${name.slice(0, 40)}}}" is not a name (letters, digits, _)` };
    literals.push(text.slice(from, open));
    names.push(name);
    from = close + 2;
  }
  literals.push(text.slice(from));
  return { ok: true, parsed: { literals, names } };
}

/** The distinct placeholder names, in order of first use. */
export function placeholderNames(parsed: ParsedText): string[] {
  return [...new Set(parsed.names)];
}

export function renderText(parsed: ParsedText, values: ReadonlyMap<string, string>): string {
  if (parsed.names.length === 0) return parsed.literals[0];
  let out = parsed.literals[0];
  for (let i = 0; i < parsed.names.length; i++) out += (values.get(parsed.names[i]) ?? '') + parsed.literals[i + 1];
  return out;
}
