/**
 * Typing over a selection in Chromium: the browser's own contenteditable editing deletes the selected
 * highlighted spans and, to keep the look of the deleted text, wraps the typed character in an element
 * with an inline `style` attribute. The page's CSP (`style-src 'self'`) blocks that attribute and
 * reports a violation (sourceFile empty: the browser did it, not our code), although CodeMirror redraws
 * the line from its state right after. Playwright's `fill()` takes the same path.
 *
 * This handler does that one edit itself instead: for a plain `insertText` (not an IME composition)
 * over a non-empty range it prevents the browser's edit and dispatches the replacement, with the
 * `input.type` user event that history grouping and completion rely on. When the range is the editor's
 * selection, the input handlers get it first (closeBrackets wraps a selection in brackets, for one).
 * Everything else (typing at a caret, composition, paste, deletion) stays with CodeMirror's usual
 * handling. An IME composition over a selection can still draw the report; nothing runs either way.
 */
import type { Extension } from '@codemirror/state';
import { EditorView } from '@codemirror/view';

/**
 * Returns the document range about to be replaced: the DOM selection, which may be newer than the
 * state's (Playwright's fill() selects and types before any selectionchange is handled). The event's
 * own target ranges are empty for a shadow root in Chromium, so the selection is read with
 * getComposedRanges; where that is missing, the state's main selection is used.
 */
function rangeBeingReplaced(view: EditorView, event: InputEvent): { from: number; to: number } {
  const [target] = event.getTargetRanges();
  const selection = view.dom.ownerDocument.getSelection();
  const canReadShadowSelection = selection !== null && 'getComposedRanges' in selection && view.root instanceof ShadowRoot;
  const range = target ?? (canReadShadowSelection ? selection.getComposedRanges({ shadowRoots: [view.root] })[0] : undefined);
  if (range && view.contentDOM.contains(range.startContainer) && view.contentDOM.contains(range.endContainer)) {
    const from = view.posAtDOM(range.startContainer, range.startOffset);
    const to = view.posAtDOM(range.endContainer, range.endOffset);
    return { from: Math.min(from, to), to: Math.max(from, to) };
  }
  return view.state.selection.main;
}

/** Returns the extension that replaces a selection with typed text without a native DOM edit. */
export function typeOverSelection(): Extension {
  return EditorView.domEventHandlers({
    beforeinput(event, view) {
      const text = event.data;
      if (event.inputType !== 'insertText' || event.isComposing || !text || view.state.readOnly) return false;
      const { from, to } = rangeBeingReplaced(view, event);
      if (from >= to) return false;
      event.preventDefault();
      const { state } = view;
      const main = state.selection.main;
      if (main.from === from && main.to === to) {
        const insert = () => state.update(state.replaceSelection(text), { userEvent: 'input.type', scrollIntoView: true });
        if (!state.facet(EditorView.inputHandler).some((handler) => handler(view, from, to, text, insert))) view.dispatch(insert());
      } else {
        view.dispatch({
          changes: { from, to, insert: text },
          selection: { anchor: from + text.length },
          userEvent: 'input.type',
          scrollIntoView: true,
        });
      }
      return true;
    },
  });
}
