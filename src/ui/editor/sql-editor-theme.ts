/**
 * The SQL editor's look: a calm light theme for a data tool (13px monospace, a quiet gutter, muted
 * syntax colours). It is all CodeMirror theme objects, not Svelte CSS, because the editor lives in a
 * shadow root (see create-sql-editor.ts) where the page's stylesheets do not reach.
 */
import { HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import type { Extension } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { tags } from '@lezer/highlight';

// The page's custom properties (app.css) inherit into the shadow root; the fallbacks keep the editor whole without them.
const MONOSPACE = 'var(--font-mono, ui-monospace, SFMono-Regular, Menlo, Consolas, "Noto Sans Mono CJK SC", monospace)';
const TEXT = 'var(--color-text, #1c2430)';
const MUTED = 'var(--color-text-muted, #5b6675)';
const BORDER = 'var(--color-border, #dfe3e8)';
const ACCENT = 'var(--color-accent, #1f5fbf)';

const editorTheme = EditorView.theme(
  {
    '&': { color: TEXT, backgroundColor: 'transparent', fontSize: '13px' },
    '&.cm-focused': { outline: 'none' },
    '.cm-scroller': { fontFamily: MONOSPACE, lineHeight: '1.6', minHeight: '5.5em' },
    '.cm-content': { padding: '8px 0', caretColor: TEXT },
    '.cm-line': { padding: '0 12px 0 8px' },
    '.cm-cursor, .cm-dropCursor': { borderLeftColor: TEXT, borderLeftWidth: '1.5px' },
    '&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground, .cm-content ::selection':
      { backgroundColor: '#d3e2f7' },
    '.cm-activeLine': { backgroundColor: 'transparent' },
    '&.cm-focused .cm-activeLine': { backgroundColor: '#f5f7fa' },
    // Stretched to the scroller, whose minimum height then also gives an empty editor a full-height gutter.
    '.cm-gutters': {
      alignSelf: 'stretch',
      height: 'auto',
      backgroundColor: 'var(--color-surface-muted, #f9fafb)',
      color: '#98a2b0',
      borderRight: `1px solid ${BORDER}`,
      fontFamily: MONOSPACE,
    },
    '.cm-lineNumbers .cm-gutterElement': { padding: '0 8px 0 12px', minWidth: '2ch' },
    '&.cm-focused .cm-activeLineGutter': { backgroundColor: '#eef1f5', color: MUTED },
    '.cm-activeLineGutter': { backgroundColor: 'transparent' },
    '.cm-placeholder': { color: '#98a2b0', fontStyle: 'normal' },
    '&.cm-focused .cm-matchingBracket': { backgroundColor: '#dbe9d4', outline: '1px solid #b6d3a8' },
    '&.cm-focused .cm-nonmatchingBracket': { backgroundColor: '#ffe1de' },
    '.cm-tooltip': {
      border: `1px solid ${BORDER}`,
      borderRadius: '6px',
      backgroundColor: '#ffffff',
      boxShadow: '0 6px 20px rgba(16, 24, 40, 0.12)',
      overflow: 'hidden',
    },
    '.cm-tooltip.cm-tooltip-autocomplete > ul': { fontFamily: MONOSPACE, fontSize: '12.5px', maxHeight: '16em' },
    '.cm-tooltip.cm-tooltip-autocomplete > ul > li': { padding: '2px 10px 2px 4px', lineHeight: '1.6' },
    '.cm-tooltip-autocomplete ul li[aria-selected]': { backgroundColor: ACCENT, color: '#ffffff' },
    '.cm-completionDetail': { color: '#98a2b0', fontStyle: 'normal', marginLeft: '1em' },
    '.cm-tooltip-autocomplete ul li[aria-selected] .cm-completionDetail': { color: '#dbe7f7' },
    '.cm-completionMatchedText': { textDecoration: 'none', fontWeight: '600' },
    // Letter badges instead of CodeMirror's emoji icons, which fall back to empty boxes without an emoji font.
    '.cm-completionIcon': { opacity: '1', width: '1.5em', paddingRight: '0.4em', fontSize: '10.5px', fontWeight: '600', textAlign: 'center' },
    '.cm-completionIcon-type': { color: ACCENT },
    '.cm-completionIcon-type:after': { content: "'T'" },
    '.cm-completionIcon-property': { color: '#1a7f45' },
    '.cm-completionIcon-property:after': { content: "'C'" },
    '.cm-completionIcon-keyword': { color: '#98a2b0' },
    '.cm-completionIcon-keyword:after': { content: "'K'" },
    '.cm-tooltip-autocomplete ul li[aria-selected] .cm-completionIcon': { color: '#ffffff' },
  },
  { dark: false },
);

/** Muted colours: keywords carry the structure, names stay close to the text colour. */
const highlightStyle = HighlightStyle.define([
  { tag: tags.keyword, color: '#1f4f9c', fontWeight: '600' },
  { tag: [tags.typeName, tags.standard(tags.name)], color: '#6f42c1' },
  { tag: [tags.string, tags.special(tags.string)], color: '#0a6b3d' },
  { tag: [tags.number, tags.bool, tags.null], color: '#a04b00' },
  { tag: [tags.lineComment, tags.blockComment], color: '#6e7781', fontStyle: 'italic' },
  { tag: tags.operator, color: '#5b6675' },
  { tag: [tags.paren, tags.punctuation], color: '#5b6675' },
  { tag: tags.special(tags.name), color: '#953800' },
  { tag: tags.invalid, color: '#cf222e' },
]);

/** Returns the editor's theme and syntax colours as one extension. */
export function sqlEditorTheme(): Extension {
  return [editorTheme, syntaxHighlighting(highlightStyle)];
}
