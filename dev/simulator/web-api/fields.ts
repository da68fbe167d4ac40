import { ApiError } from '../errors.ts';

/**
 * The `fields` filter of GET /playlists/{id}/items and GET /playlists/{id} (openapi.yml): a
 * comma-separated list of field names; `a.b` drills into a non-repeating object, `a(b,c)` into each
 * object of a list or into an object; a list that starts with `!` names the fields to drop instead.
 * Arrays are filtered item by item. Names the body does not have are ignored (Spotify answers the rest).
 * Unbalanced parentheses or an empty name → 400 "Invalid fields".
 */

interface Selector {
  name: string;
  /** What to keep inside the field; `undefined` = all of it. */
  inner: Selection | undefined;
}

interface Selection {
  exclude: boolean;
  selectors: Selector[];
}

/** The parsed `fields` of a request, or `undefined` when it has none. */
export function fieldsParam(query: URLSearchParams): Selection | undefined {
  const raw = query.get('fields');
  return raw === null || raw.trim() === '' ? undefined : parseFields(raw);
}

function parseFields(raw: string): Selection {
  const parser = { text: raw.replace(/\s+/g, ''), at: 0 };
  const selection = parseList(parser);
  if (parser.at !== parser.text.length) throw invalid();
  return selection;
}

export function applyFields(value: unknown, selection: Selection): unknown {
  if (Array.isArray(value)) return value.map((item) => applyFields(item, selection));
  if (value === null || typeof value !== 'object') return value;
  const source = value as Record<string, unknown>;
  const named = new Map<string, Selector>();
  // `a.b,a.c` names `a` twice: keep what either keeps.
  for (const s of selection.selectors) {
    const seen = named.get(s.name);
    named.set(s.name, seen ? { name: s.name, inner: mergeInner(seen.inner, s.inner) } : s);
  }
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(source)) {
    const selector = named.get(key);
    if (selection.exclude) {
      if (!selector) out[key] = field;
    } else if (selector) {
      out[key] = selector.inner ? applyFields(field, selector.inner) : field;
    }
  }
  return out;
}

function mergeInner(a: Selection | undefined, b: Selection | undefined): Selection | undefined {
  if (!a || !b || a.exclude || b.exclude) return undefined;
  return { exclude: false, selectors: [...a.selectors, ...b.selectors] };
}

function parseList(p: { text: string; at: number }): Selection {
  const exclude = p.text[p.at] === '!';
  if (exclude) p.at += 1;
  const selectors: Selector[] = [];
  for (;;) {
    // `(!a,!b)` and `(!a,b)` both drop a and b; a `!b` after kept names keeps nothing more.
    const negated = p.text[p.at] === '!';
    if (negated) p.at += 1;
    const selector = parseSelector(p);
    if (exclude || !negated) selectors.push(selector);
    if (p.text[p.at] !== ',') return { exclude, selectors };
    p.at += 1;
  }
}

function parseSelector(p: { text: string; at: number }): Selector {
  const name = /^[^,().!]+/.exec(p.text.slice(p.at))?.[0];
  if (name === undefined) throw invalid();
  p.at += name.length;
  const next = p.text[p.at];
  if (next === '.') {
    p.at += 1;
    return { name, inner: { exclude: false, selectors: [parseSelector(p)] } };
  }
  if (next === '(') {
    p.at += 1;
    const inner = parseList(p);
    if (p.text[p.at] !== ')') throw invalid();
    p.at += 1;
    return { name, inner };
  }
  return { name, inner: undefined };
}

function invalid(): ApiError {
  return new ApiError(400, 'Invalid fields');
}
