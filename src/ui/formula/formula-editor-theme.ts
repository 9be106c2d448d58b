/**
 * The formula editor's look: a compact one-line field in the SQL editor's colours (sql-editor-theme.ts),
 * with a wavy underline under the span the live check points at. CodeMirror theme objects, not Svelte
 * CSS, because the editor lives in a shadow root (see create-sql-editor.ts).
 */
import type { Extension } from '@codemirror/state';
import { EditorView } from '@codemirror/view';

const MONOSPACE = 'var(--font-mono, ui-monospace, SFMono-Regular, Menlo, Consolas, "Noto Sans Mono CJK SC", monospace)';
const TEXT = 'var(--color-text, #1c2430)';
const BORDER = 'var(--color-border, #dfe3e8)';
const ACCENT = 'var(--color-accent, #1f5fbf)';

const theme = EditorView.theme(
  {
    '&': { color: TEXT, backgroundColor: 'transparent', fontSize: '13px' },
    '&.cm-focused': { outline: 'none' },
    '.cm-scroller': { fontFamily: MONOSPACE, lineHeight: '18px', overflow: 'visible' },
    '.cm-content': { padding: '4px 0', caretColor: TEXT, minHeight: '18px' },
    '.cm-line': { padding: '0 8px' },
    '.cm-cursor, .cm-dropCursor': { borderLeftColor: TEXT, borderLeftWidth: '1.5px' },
    '&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground, .cm-content ::selection': {
      backgroundColor: '#d3e2f7',
    },
    '.cm-placeholder': { color: '#98a2b0', fontStyle: 'normal' },
    '&.cm-focused .cm-matchingBracket': { backgroundColor: '#dbe9d4', outline: '1px solid #b6d3a8' },
    '&.cm-focused .cm-nonmatchingBracket': { backgroundColor: '#ffe1de' },
    // Token colours, matching the SQL editor's highlight style.
    '.cm-formula-function': { color: '#6f42c1' },
    '.cm-formula-keyword': { color: '#1f4f9c', fontWeight: '600' },
    '.cm-formula-name': { color: TEXT },
    '.cm-formula-quoted-name': { color: '#953800' },
    '.cm-formula-string': { color: '#0a6b3d' },
    '.cm-formula-number, .cm-formula-literal': { color: '#a04b00' },
    '.cm-formula-operator, .cm-formula-bracket': { color: '#5b6675' },
    '.cm-formula-invalid': { color: '#cf222e' },
    // The live check's span: a wavy red underline (an SVG-free text decoration, so no CSP concern).
    '.cm-formula-error': {
      textDecoration: 'underline wavy #d1242f',
      textDecorationSkipInk: 'none',
      textUnderlineOffset: '3px',
      backgroundColor: 'rgba(209, 36, 47, 0.06)',
    },
    '.cm-tooltip': {
      border: `1px solid ${BORDER}`,
      borderRadius: '6px',
      backgroundColor: '#ffffff',
      boxShadow: '0 6px 20px rgba(16, 24, 40, 0.12)',
      overflow: 'hidden',
    },
    '.cm-tooltip.cm-tooltip-autocomplete > ul': { fontFamily: MONOSPACE, fontSize: '12.5px', maxHeight: '16em', minWidth: '280px' },
    '.cm-tooltip.cm-tooltip-autocomplete > ul > li': { padding: '2px 10px 2px 4px', lineHeight: '1.6' },
    '.cm-tooltip-autocomplete ul li[aria-selected]': { backgroundColor: ACCENT, color: '#ffffff' },
    '.cm-completionDetail': { color: '#98a2b0', fontStyle: 'normal', marginLeft: '1em' },
    '.cm-tooltip-autocomplete ul li[aria-selected] .cm-completionDetail': { color: '#dbe7f7' },
    '.cm-completionMatchedText': { textDecoration: 'none', fontWeight: '600' },
    '.cm-completionInfo': {
      maxWidth: '320px',
      padding: '6px 10px',
      fontFamily: 'var(--font-sans, system-ui, sans-serif)',
      fontSize: '12.5px',
      lineHeight: '1.45',
      color: TEXT,
    },
    // Letter badges instead of CodeMirror's emoji icons, which fall back to empty boxes without an emoji font.
    '.cm-completionIcon': { opacity: '1', width: '1.5em', paddingRight: '0.4em', fontSize: '10.5px', fontWeight: '600', textAlign: 'center' },
    '.cm-completionIcon-property': { color: '#1a7f45' },
    '.cm-completionIcon-property:after': { content: "'C'" },
    '.cm-completionIcon-variable': { color: '#953800' },
    '.cm-completionIcon-variable:after': { content: "'P'" },
    '.cm-completionIcon-function': { color: '#6f42c1' },
    '.cm-completionIcon-function:after': { content: "'ƒ'" },
    '.cm-completionIcon-keyword': { color: '#98a2b0' },
    '.cm-completionIcon-keyword:after': { content: "'K'" },
    '.cm-tooltip-autocomplete ul li[aria-selected] .cm-completionIcon': { color: '#ffffff' },
  },
  { dark: false },
);

/** Returns the formula editor's theme. */
export function formulaEditorTheme(): Extension {
  return theme;
}
