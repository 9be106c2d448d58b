/**
 * Rewrites raw HTML written in a markdown note before any HTML parser sees it.
 *
 * The output holds only two things: bare tags from a short list (`<kbd>`, `<br>`, `<details>`, …,
 * rewritten without attributes) and escaped text. Every other tag is dropped with its attributes,
 * keeping its text (`<span style="…">word</span>` → `word`); elements whose content is code or a
 * document (script, style, iframe, …) are dropped whole; comments too. Whatever this tokenizer does
 * not read as a tag is escaped, so the browser never parses markup the note's author wrote.
 * DOMPurify would remove handlers anyway, but Chromium reports a CSP violation as soon as it parses an
 * inline handler or `style` attribute, even in an inert document, and the app must report none.
 */

/** Tags a note may use: harmless without attributes, which are never kept. */
const ALLOWED_TAGS = new Set([
  'b', 'br', 'code', 'del', 'details', 'em', 'hr', 'i', 'kbd', 'mark', 'p', 's', 'strong', 'sub', 'summary', 'sup', 'u',
]);

/** A start or end tag, its attributes (quoted values may hold `>`) in group 2. */
const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*\/?>/g;

/** Elements whose content is not note text, removed with it. */
const OPAQUE_ELEMENT = /<(script|style|textarea|title|xmp|iframe|noembed|noframes|noscript|template|object|svg|math)\b[\s\S]*?<\/\1\s*>/gi;

const COMMENT = /<!--[\s\S]*?-->/g;

/** Returns `text` with `&`, `<`, `>`, `"` and `'` written as character references. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/**
 * Returns raw HTML `html` as allowed bare tags and escaped text (see the file comment). A `block`
 * snippet that lost a tag and still has text is wrapped in a paragraph, so it does not run into the
 * next block.
 */
export function filterRawHtml(html: string, block = false): string {
  const source = html.replace(COMMENT, '').replace(OPAQUE_ELEMENT, '');
  let out = '';
  let last = 0;
  let dropped = source.length !== html.length;
  for (const match of source.matchAll(TAG)) {
    const [whole, slash, name, attributes] = match;
    out += escapeHtml(source.slice(last, match.index));
    last = match.index + whole.length;
    const tag = name.toLowerCase();
    if (ALLOWED_TAGS.has(tag)) out += `<${slash}${tag}>`;
    if (!ALLOWED_TAGS.has(tag) || attributes.trim() !== '') dropped = true;
  }
  out += escapeHtml(source.slice(last));
  return block && dropped && out.trim() !== '' ? `<p>${out.trim()}</p>\n` : out;
}
