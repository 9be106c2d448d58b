/**
 * Creates the CodeMirror 6 view behind SqlEditor.svelte and keeps it in step with the component's props.
 *
 * Content-Security-Policy: the page allows `style-src 'self'` only. CodeMirror writes its styles with
 * style-mod, which puts a `<style>` element into `document.head` when the editor lives in the document
 * (style-mod 4.1 adopts stylesheets only for roots without a `head`), and CSP blocks that element:
 * CodeMirror is then unstyled and a violation is reported (checked in Chromium under our CSP).
 * `EditorView.cspNonce` is no way out: a static page cannot issue a fresh nonce per response, and a
 * fixed one would void the policy. In a shadow root, however, style-mod uses a constructed
 * stylesheet (`adoptedStyleSheets`, filled through the CSSOM with `insertRule`), which CSP does not
 * govern, like the `element.style` writes CodeMirror makes for positions and sizes. So the view is
 * mounted in an open shadow root of the host element: supported by CodeMirror (`root`), reachable for
 * assistive technology and Playwright's role locators, and its theme (sql-editor-theme.ts) travels
 * with it. Inherited properties such as `font-family` and `color` still come from the page.
 * One more CSP report came from Chromium's own editing when text is typed over a selection; see
 * type-over-selection.ts.
 */
import { autocompletion, closeBrackets, closeBracketsKeymap, completionKeymap } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { sql, SQLite } from '@codemirror/lang-sql';
import { bracketMatching, indentOnInput } from '@codemirror/language';
import { Annotation, Compartment, EditorState, Prec, type Extension } from '@codemirror/state';
import {
  drawSelection,
  EditorView,
  highlightActiveLine,
  highlightActiveLineGutter,
  keymap,
  lineNumbers,
  placeholder,
} from '@codemirror/view';
import { sqlEditorTheme } from './sql-editor-theme.ts';
import { buildSchemaCompletions, completeSchemaNames, type SchemaTable } from './sql-schema-completion.ts';
import { typeOverSelection } from './type-over-selection.ts';

/** What the editor starts with, and where it reports to. */
export interface SqlEditorOptions {
  doc: string;
  /** The accessible name of the text box. */
  label: string;
  /** The hint shown while the editor is empty. */
  placeholder: string;
  schema: readonly SchemaTable[];
  readonly: boolean;
  /** Called with the new text after each edit by the user (not after `setDoc`). */
  onChange: (value: string) => void;
  /** Called for Ctrl+Enter, Cmd+Enter and Shift+Enter. */
  onRun: () => void;
}

/** A live editor: setters that reconfigure it in place, and `destroy`. */
export interface SqlEditorHandle {
  readonly view: EditorView;
  /** Replaces the text, unless it already is `doc` (so the cursor survives the echo of an edit). */
  setDoc(doc: string): void;
  /** Replaces the tables and columns offered by completion; a no-op when they are unchanged. */
  setSchema(schema: readonly SchemaTable[]): void;
  setReadonly(readonly: boolean): void;
  setLabels(label: string, placeholder: string): void;
  destroy(): void;
}

/** Marks the transactions made by `setDoc`, which must not be reported back through `onChange`. */
const fromProps = Annotation.define<boolean>();

/** Returns the SQL language with completion for `schema` (lang-sql's own and ours, see sql-schema-completion.ts). */
function sqlWithSchema(schema: readonly SchemaTable[]): Extension {
  const completions = buildSchemaCompletions(schema);
  return [
    sql({ dialect: SQLite, schema: completions.namespace, upperCaseKeywords: true }),
    SQLite.language.data.of({ autocomplete: completeSchemaNames(completions) }),
  ];
}

function readonlyExtension(readonly: boolean): Extension {
  return [EditorState.readOnly.of(readonly), EditorView.contentAttributes.of({ 'aria-readonly': String(readonly) })];
}

function labelExtension(label: string, hint: string): Extension {
  return [EditorView.contentAttributes.of({ 'aria-label': label }), placeholder(hint)];
}

/** Returns a key binding list in which Mod-Enter (Ctrl, or Cmd on a Mac), Ctrl-Enter on a Mac and Shift-Enter run. */
function runKeymap(onRun: () => void): Extension {
  const run = (): boolean => {
    onRun();
    return true;
  };
  // Highest precedence: the default keymap binds Mod-Enter to insertBlankLine, and the completion
  // keymap would take Enter-like keys while the popup is open.
  return Prec.highest(
    keymap.of([
      { key: 'Mod-Enter', run, preventDefault: true },
      { mac: 'Ctrl-Enter', run, preventDefault: true },
      { key: 'Shift-Enter', run, preventDefault: true },
    ]),
  );
}

/** Creates the editor in an open shadow root of `host` (see the file comment for why). */
export function createSqlEditor(host: HTMLElement, options: SqlEditorOptions): SqlEditorHandle {
  const root = host.shadowRoot ?? host.attachShadow({ mode: 'open' });
  const language = new Compartment();
  const readonlyMode = new Compartment();
  const labels = new Compartment();
  let schemaKey = JSON.stringify(options.schema);

  const view = new EditorView({
    root,
    parent: root,
    state: EditorState.create({
      doc: options.doc,
      extensions: [
        runKeymap(options.onRun),
        lineNumbers(),
        highlightActiveLineGutter(),
        highlightActiveLine(),
        history(),
        drawSelection(),
        typeOverSelection(),
        indentOnInput(),
        bracketMatching(),
        closeBrackets(),
        autocompletion(),
        keymap.of([...closeBracketsKeymap, ...defaultKeymap, ...historyKeymap, ...completionKeymap]),
        language.of(sqlWithSchema(options.schema)),
        readonlyMode.of(readonlyExtension(options.readonly)),
        labels.of(labelExtension(options.label, options.placeholder)),
        sqlEditorTheme(),
        EditorView.updateListener.of((update) => {
          if (!update.docChanged || update.transactions.some((tr) => tr.annotation(fromProps))) return;
          options.onChange(update.state.doc.toString());
        }),
      ],
    }),
  });

  return {
    view,
    setDoc(doc) {
      if (view.state.doc.toString() === doc) return;
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: doc }, annotations: fromProps.of(true) });
    },
    setSchema(schema) {
      const key = JSON.stringify(schema);
      if (key === schemaKey) return;
      schemaKey = key;
      view.dispatch({ effects: language.reconfigure(sqlWithSchema(schema)) });
    },
    setReadonly(readonly) {
      view.dispatch({ effects: readonlyMode.reconfigure(readonlyExtension(readonly)) });
    },
    setLabels(label, hint) {
      view.dispatch({ effects: labels.reconfigure(labelExtension(label, hint)) });
    },
    destroy() {
      view.destroy();
    },
  };
}
