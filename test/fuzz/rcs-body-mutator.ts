// Fuzz inputs for the RCS simulator: valid MaaP send bodies (every product), and fast-check
// mutations of them (keys dropped, values swapped for any JSON, strings blown up, nesting deepened).
import fc from 'fast-check';

const U = '01012340001';
const media = (height: string, size = 1000) => ({ mediaUrl: 'maapfile://f', mediaContentType: 'image/png', mediaFileSize: size, height });
const card = (height: string) => ({ media: media(height), title: '제목', description: '설명', suggestions: [{ reply: { displayText: '보기', postback: { data: 'p' } } }] });

export const VALID_SENDS: Record<string, unknown>[] = [
  { messagebaseId: 'SS000000', messageContact: { userContact: U }, RCSMessage: { textMessage: '안녕하세요' } },
  {
    messagebaseId: 'SL000000',
    header: '1',
    footer: '080-123-4567',
    messageContact: { userContact: '+821012340002' },
    RCSMessage: { textMessage: '긴 안내', suggestedChipList: { suggestions: [{ action: { displayText: '열기', urlAction: { openUrl: { url: 'https://e.x' } } } }] } },
  },
  { messagebaseId: 'SMwThT00', messageContact: { userContact: U }, RCSMessage: { richcardMessage: { message: { generalPurposeCard: { layout: { cardOrientation: 'VERTICAL' }, content: card('TALL_HEIGHT') } } } } },
  {
    messagebaseId: 'CMwMhM0300',
    expiryOption: 2,
    messageContact: { userContact: '010-1234-0004' },
    RCSMessage: { richcardMessage: { message: { generalPurposeCardCarousel: { layout: { cardWidth: 'MEDIUM_WIDTH' }, content: [card('MEDIUM_HEIGHT'), card('MEDIUM_HEIGHT'), card('MEDIUM_HEIGHT')] } } } },
  },
];

type Json = unknown;
type Path = (string | number)[];

function paths(v: Json, prefix: Path = [], out: Path[] = []): Path[] {
  out.push(prefix);
  if (v && typeof v === 'object') for (const [k, c] of Object.entries(v)) paths(c, [...prefix, Array.isArray(v) ? Number(k) : k], out);
  return out;
}

function setAt(root: Json, path: Path, fn: (old: Json) => Json | undefined): Json {
  if (path.length === 0) return fn(root);
  const copy: any = Array.isArray(root) ? [...root] : { ...(root as object) };
  const [head, ...rest] = path;
  const next = setAt(copy[head], rest, fn);
  if (next === undefined) {
    if (Array.isArray(copy)) copy.splice(head as number, 1);
    else delete copy[head];
  } else copy[head] = next;
  return copy;
}

const anyJson = fc.jsonValue({ maxDepth: 4 });

const mutation = fc.oneof(
  fc.constant((_: Json): Json | undefined => undefined),
  anyJson.map((j) => (_: Json): Json | undefined => j),
  fc.integer({ min: 1, max: 100_000 }).map((n) => (_: Json): Json | undefined => '가'.repeat(n)),
  fc.integer({ min: 1, max: 20 }).map((n) => (old: Json): Json | undefined => Array.from({ length: n }, () => old)),
  fc.constantFrom<Json>(null, -1, 1e308, Number.MAX_SAFE_INTEGER, '', true, [], {}, '(광고)', '\u0000', '__proto__').map((j) => (_: Json): Json | undefined => j),
  fc.integer({ min: 1, max: 500 }).map((d) => (old: Json): Json | undefined => {
    let v: Json = old;
    for (let i = 0; i < d; i++) v = { a: v };
    return v;
  }),
);

// Past this the body is cut: still garbage the server must answer, without building megabytes per case.
const MAX_TEXT = 400 * 1024;

/** A valid send with 1-3 random mutations at random places, as the text to POST. */
export const mutatedSend: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom(...VALID_SENDS), fc.array(fc.tuple(fc.nat(), mutation), { minLength: 1, maxLength: 3 }))
  .map(([base, muts]) => {
    let v: Json = base;
    for (const [pick, fn] of muts) {
      const ps = paths(v);
      v = setAt(v, ps[pick % ps.length], fn) ?? {};
    }
    const text = JSON.stringify(v) ?? 'null';
    return text.length > MAX_TEXT ? text.slice(0, MAX_TEXT) : text;
  });

/** Any JSON at all, including non-objects at the top, as the text to POST. */
export const arbitraryBody: fc.Arbitrary<string> = fc.oneof(anyJson, fc.object({ maxDepth: 3 })).map((j) => JSON.stringify(j) ?? 'null');
