/**
 * Turns a markdown note into HTML that is safe to put into the page with `{@html}`.
 *
 * marked (GFM) writes the HTML. Raw HTML in the note is reduced to attribute-free allowlisted tags
 * and its text (filter-raw-html.ts), so `<img src=x onerror=…>` leaves nothing. Every result is then
 * sanitised by DOMPurify, on every call, whatever the filter let through. What survives:
 * - markdown's own elements (headings, lists, tables, code, quotes, links, images, task-list boxes) and
 *   a few harmless inline tags; no script, style, form, iframe, svg, object, event handler or `style`
 *   attribute (the CSP forbids inline styles anyway, and a note must not restyle the app);
 * - links, which open in a new tab with `rel="noopener noreferrer"`;
 * - images only with a `data:image/…` or `blob:` source. The app makes no request to other origins (nor
 *   to its own for a note), so any other `src` is removed: the image shows its alt text instead.
 * DOMPurify needs a DOM, so this runs in the page only, never in the engine or the worker.
 */
import DOMPurify, { type Config, type DOMPurify as Purifier } from 'dompurify';
import { Marked } from 'marked';
import { filterRawHtml } from './filter-raw-html.ts';

const markdown = new Marked({
  gfm: true,
  breaks: false,
  renderer: {
    html: ({ text, block }) => filterRawHtml(text, block === true),
  },
});

const SANITIZE_CONFIG: Config = {
  ALLOWED_TAGS: [
    'p', 'br', 'hr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'ul', 'ol', 'li', 'pre', 'code',
    'em', 'strong', 'b', 'i', 'del', 's', 'sup', 'sub', 'kbd', 'mark', 'a', 'img', 'input',
    'table', 'thead', 'tbody', 'tr', 'th', 'td', 'details', 'summary',
  ],
  ALLOWED_ATTR: ['href', 'title', 'alt', 'src', 'align', 'start', 'type', 'checked', 'disabled', 'class'],
  FORBID_ATTR: ['style'],
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
  // DOMPurify's default list plus blob: (for images the app itself made); javascript: and data: links stay out.
  ALLOWED_URI_REGEXP: /^(?:(?:https?|mailto|tel|blob):|[^a-z]|[a-z+.-]+(?:[^a-z+.\-:]|$))/i,
};

/** Image sources that make no request: inline data and the page's own blobs. */
const LOCAL_IMAGE_SOURCE = /^(?:data:image\/|blob:)/i;

/** The only class kept: marked's `language-…` on code blocks. */
const CODE_LANGUAGE_CLASS = /^language-[\w+#.-]+$/;

let purifier: Purifier | null = null;

/** Returns the page's DOMPurify instance, with the hooks added once on first use. */
function getPurifier(): Purifier {
  if (purifier) return purifier;
  // Our own instance, so the hooks never touch other users of DOMPurify's shared default.
  const instance = DOMPurify(window);
  // Without a DOM DOMPurify returns its input unchanged: refuse instead of passing HTML through.
  if (!instance.isSupported) throw new Error('renderMarkdown needs a browser DOM to sanitise HTML');
  instance.addHook('uponSanitizeAttribute', (node, event) => {
    if (event.attrName === 'class' && !(node.nodeName === 'CODE' && CODE_LANGUAGE_CLASS.test(event.attrValue))) event.keepAttr = false;
  });
  instance.addHook('afterSanitizeAttributes', (node) => {
    if (node.nodeName === 'A' && node.hasAttribute('href')) {
      node.setAttribute('target', '_blank');
      node.setAttribute('rel', 'noopener noreferrer');
    } else if (node.nodeName === 'IMG') {
      if (!LOCAL_IMAGE_SOURCE.test(node.getAttribute('src') ?? '')) node.removeAttribute('src');
    } else if (node.nodeName === 'INPUT') {
      // Only GFM task-list boxes are inputs: keep them as read-only checkboxes, whatever the note said.
      node.setAttribute('type', 'checkbox');
      node.setAttribute('disabled', '');
    }
  });
  purifier = instance;
  return instance;
}

/** Returns the sanitised HTML of markdown `source` (GFM); an empty string for an empty note. */
export function renderMarkdown(source: string): string {
  const html = markdown.parse(source, { async: false });
  return getPurifier().sanitize(html, SANITIZE_CONFIG);
}
