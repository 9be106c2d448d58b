// Invariant: raw HTML in a note reaches an HTML parser only as attribute-free allowlisted tags and escaped text.
import { describe, expect, it } from 'vitest';
import { escapeHtml, filterRawHtml } from '../../../src/ui/markdown/filter-raw-html.ts';

describe('filterRawHtml(html, block)', () => {
  it.each([
    ['<kbd>', '<kbd>'],
    ['</kbd>', '</kbd>'],
    ['<br/>', '<br>'],
    ['<BR>', '<br>'],
    ['<details>\n<summary>More</summary>\n', '<details>\n<summary>More</summary>\n'],
    ['<!-- hidden note -->\n', '\n'],
  ])('keeps allowed bare tags: %j → %j', (html, out) => {
    expect(filterRawHtml(html)).toBe(out);
  });

  it.each([
    ['<img src=x onerror="window.__pwned=1">', ''],
    ['<script>window.__pwned=2</script>', ''],
    ['<SCRIPT type="module">x()</SCRIPT >', ''],
    ['<svg onload=alert(1)><circle r="5"/></svg>', ''],
    ['<iframe src="https://example.com"></iframe>', ''],
    ['<style>*{display:none}</style>', ''],
    ['<a href="javascript:alert(1)">raw link</a>', 'raw link'],
    ['<p style="color:red" onclick="x()">styled</p>', '<p>styled</p>'],
    ['<kbd onclick="x()">K</kbd>', '<kbd>K</kbd>'],
    ['<form action="https://evil.example"><input name=q><button>go</button></form>', 'go'],
    ['<div class="drop-overlay">class spoof</div>', 'class spoof'],
    ['<img alt="a>b" onerror=alert(1)>', ''],
    ['<!-- a --><img src=x onerror=alert(1)>', ''],
  ])('drops other tags and their attributes, keeping text: %j → %j', (html, out) => {
    expect(filterRawHtml(html)).toBe(out);
  });

  it('escapes whatever it does not read as a tag', () => {
    expect(filterRawHtml('<img src=x onerror=alert(1)')).toBe(escapeHtml('<img src=x onerror=alert(1)'));
    expect(filterRawHtml('a < b > c')).toBe('a &#60; b &#62; c');
    expect(filterRawHtml('<script>unclosed')).toBe('unclosed');
  });

  it('drops a comment the browser would end early whole, never returning the tag inside it', () => {
    // A browser ends `<!-->` at once, making the <img> live; the filter removes up to `-->` instead.
    expect(filterRawHtml('<!--> <img src=x onerror=alert(1)> -->')).toBe('');
  });

  it('wraps a block that lost tags in a paragraph, and leaves other blocks alone', () => {
    expect(filterRawHtml('<div align="center">\nImportant\n</div>\n', true)).toBe('<p>Important</p>\n');
    expect(filterRawHtml('<img src=x onerror=alert(1)>\n', true)).toBe('\n');
    expect(filterRawHtml('<details>\n', true)).toBe('<details>\n');
  });

  it('never returns an attribute or an unknown tag', () => {
    const payloads = ['<a href=x>y</a>', '<img src=x onerror=1>', '<svg><script>1</script></svg>', '<x-y onclick=1>', '<details open ontoggle=1>'];
    for (const html of payloads) expect(filterRawHtml(html)).not.toMatch(/<(?!\/?(?:details|summary)>)|=/);
  });
});

describe('escapeHtml(text)', () => {
  it('escapes every character that could open markup or an attribute', () => {
    expect(escapeHtml(`<a href="x" title='y'>&`)).toBe('&#60;a href=&#34;x&#34; title=&#39;y&#39;&#62;&#38;');
  });
});
