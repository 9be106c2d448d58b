/**
 * Creates the CodeMirror 6 view behind FormulaEditor.svelte: a one-line formula field that wraps when
 * the text is long, coloured by the formula tokenizer (formula-tokens.ts), completing the scope's
 * names and the functions (formula-completion-source.ts), and checking the formula against the scope
 * a moment after each edit, with the error's span underlined.
 *
 * Like the SQL editor it lives in an open shadow root of the host, because of the page's CSP; see the
 * header of ../editor/create-sql-editor.ts, and ../editor/type-over-selection.ts for the one edit
 * Chromium would otherwise style inline.
 *
 * Enter commits (it never inserts a line break; pasted line breaks become spaces), as do
 * Ctrl/Cmd+Enter and leaving the field; `onCommit` only hears of text that differs from the last value.
 */
import { autocompletion, closeBrackets, closeBracketsKeymap, completionKeymap } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { bracketMatching } from '@codemirror/language';
import { Annotation, Compartment, EditorState, Prec, RangeSetBuilder, StateEffect, StateField, type Extension } from '@codemirror/state';
import { Decoration, drawSelection, EditorView, keymap, placeholder, ViewPlugin, type DecorationSet, type ViewUpdate } from '@codemirror/view';
import type { FormulaScope } from '../../engine/index.ts';
import { typeOverSelection } from '../editor/type-over-selection.ts';
import { findFormulaProblem, type FormulaProblem } from './find-formula-problem.ts';
import { buildFormulaCompletions, completeFormula } from './formula-completion-source.ts';
import { formulaEditorTheme } from './formula-editor-theme.ts';
import { formulaTokenClass, highlightFormula } from './formula-tokens.ts';

export type { FormulaProblem };

export interface FormulaEditorOptions {
  doc: string;
  label: string;
  placeholder: string;
  scope: FormulaScope;
  /** A function's description in the page's language, for the completion list, or null. */
  describe: (name: string) => string | null;
  /** Called with the text when Enter is pressed or the field is left, if it differs from the last value. */
  onCommit: (value: string) => void;
  /** Called with each live check's outcome (null: no problem, or nothing to check against). */
  onProblem: (problem: FormulaProblem | null) => void;
  /** Milliseconds from the last edit to the live check. */
  checkDelayMs?: number;
}

export interface FormulaEditorHandle {
  readonly view: EditorView;
  /** Replaces the text (and the committed value), unless it already is `doc`. */
  setDoc(doc: string): void;
  setScope(scope: FormulaScope): void;
  setLabels(label: string, placeholder: string): void;
  destroy(): void;
}

const fromProps = Annotation.define<boolean>();
const setProblemSpan = StateEffect.define<{ from: number; to: number } | null>();

/** The underlined span of the last live check, moved along with edits until the next check. */
const problemField = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(value, tr) {
    let next = value.map(tr.changes);
    for (const effect of tr.effects) {
      if (!effect.is(setProblemSpan)) continue;
      next = Decoration.none;
      const span = effect.value;
      if (span && span.to > span.from) next = Decoration.set([Decoration.mark({ class: 'cm-formula-error' }).range(span.from, span.to)]);
    }
    return next;
  },
  provide: (field) => EditorView.decorations.from(field),
});

/** Colours every token; formulas are short, so the whole text is redone on each change. */
const tokenHighlighter = ViewPlugin.fromClass(
  class {
    decorations: DecorationSet;
    constructor(view: EditorView) {
      this.decorations = decorate(view.state.doc.toString());
    }
    update(update: ViewUpdate) {
      if (update.docChanged) this.decorations = decorate(update.state.doc.toString());
    }
  },
  { decorations: (plugin) => plugin.decorations },
);

function decorate(source: string): DecorationSet {
  const builder = new RangeSetBuilder<Decoration>();
  for (const span of highlightFormula(source)) builder.add(span.from, span.to, Decoration.mark({ class: formulaTokenClass(span.kind) }));
  return builder.finish();
}

/** Turns line breaks typed or pasted by the user into spaces (the field is one line). */
const oneLine = EditorState.transactionFilter.of((tr) => {
  if (!tr.docChanged || tr.annotation(fromProps)) return tr;
  let hasBreak = false;
  tr.changes.iterChanges((_fa, _ta, _fb, _tb, inserted) => {
    if (inserted.lines > 1) hasBreak = true;
  });
  if (!hasBreak) return tr;
  const changes: { from: number; to: number; insert: string }[] = [];
  tr.changes.iterChanges((from, to, _fb, _tb, inserted) => changes.push({ from, to, insert: inserted.toString().replace(/\n/g, ' ') }));
  return { changes, selection: tr.selection, effects: tr.effects, scrollIntoView: tr.scrollIntoView };
});

function labelExtension(label: string, hint: string): Extension {
  return [EditorView.contentAttributes.of({ 'aria-label': label, 'aria-multiline': 'false' }), placeholder(hint)];
}

/** Creates the editor in an open shadow root of `host`. */
export function createFormulaEditor(host: HTMLElement, options: FormulaEditorOptions): FormulaEditorHandle {
  const root = host.shadowRoot ?? host.attachShadow({ mode: 'open' });
  const labels = new Compartment();
  let scope = options.scope;
  let scopeKey = JSON.stringify(scope);
  let committed = options.doc;
  let timer: ReturnType<typeof setTimeout> | null = null;

  const commit = (view: EditorView): boolean => {
    const text = view.state.doc.toString();
    if (text !== committed) {
      committed = text;
      options.onCommit(text);
    }
    return true;
  };

  const check = (view: EditorView) => {
    timer = null;
    const problem = findFormulaProblem(view.state.doc.toString(), scope);
    view.dispatch({ effects: setProblemSpan.of(problem && { from: problem.from, to: problem.to }) });
    options.onProblem(problem);
  };
  const checkSoon = (view: EditorView) => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => check(view), options.checkDelayMs ?? 150);
  };

  const view = new EditorView({
    root,
    parent: root,
    state: EditorState.create({
      doc: options.doc,
      extensions: [
        // Above the default keymap (Enter would split the line), below the completion list's own keys.
        Prec.high(
          keymap.of([
            { key: 'Enter', run: commit, preventDefault: true },
            { key: 'Mod-Enter', run: commit, preventDefault: true },
            { key: 'Shift-Enter', run: commit, preventDefault: true },
          ]),
        ),
        history(),
        drawSelection(),
        typeOverSelection(),
        bracketMatching(),
        closeBrackets(),
        autocompletion({ override: [completeFormula(() => buildFormulaCompletions(scope, options.describe))], icons: true }),
        keymap.of([...closeBracketsKeymap, ...defaultKeymap, ...historyKeymap, ...completionKeymap]),
        oneLine,
        EditorView.lineWrapping,
        tokenHighlighter,
        problemField,
        labels.of(labelExtension(options.label, options.placeholder)),
        formulaEditorTheme(),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) checkSoon(update.view);
          if (update.focusChanged && !update.view.hasFocus) commit(update.view);
        }),
      ],
    }),
  });
  check(view);

  return {
    view,
    setDoc(doc) {
      committed = doc;
      if (view.state.doc.toString() === doc) return;
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: doc }, annotations: fromProps.of(true) });
    },
    setScope(next) {
      const key = JSON.stringify(next);
      if (key === scopeKey) return;
      scopeKey = key;
      scope = next;
      checkSoon(view);
    },
    setLabels(label, hint) {
      view.dispatch({ effects: labels.reconfigure(labelExtension(label, hint)) });
    },
    destroy() {
      if (timer) clearTimeout(timer);
      view.destroy();
    },
  };
}
