/**
 * The rule-file editor: CodeMirror 6 with JSON, completion and hover from the rule files' JSON Schema
 * (codemirror-json-schema), and the workbench's findings shown inline (errors and lint warnings at their place).
 * One view; a state per file, so each file keeps its own undo history.
 */
import { basicSetup } from 'codemirror';
import { EditorState } from '@codemirror/state';
import { EditorView, hoverTooltip } from '@codemirror/view';
import { json, jsonLanguage } from '@codemirror/lang-json';
import { lintGutter, setDiagnostics, type Diagnostic } from '@codemirror/lint';
import { jsonCompletion, jsonSchemaHover, stateExtensions } from 'codemirror-json-schema';
import type { JSONSchema7 } from 'json-schema';
import type { RuleFileFinding } from 'rx-followup/workbench';

export interface RuleEditor {
  readonly files: readonly string[];
  current(): string;
  text(file: string): string;
  show(file: string): void;
  showFindings(findings: readonly RuleFileFinding[]): void;
  goTo(file: string, line: number, column: number): void;
}

export function createRuleEditor(
  parent: HTMLElement,
  texts: Readonly<Record<string, string>>,
  schema: JSONSchema7,
  onChange: () => void,
): RuleEditor {
  const files = Object.keys(texts).sort();
  const extensions = [
    basicSetup,
    json(),
    jsonLanguage.data.of({ autocomplete: jsonCompletion() }),
    hoverTooltip(jsonSchemaHover()),
    stateExtensions(schema),
    lintGutter(),
    // Long lines (descriptions, value lists) wrap: nothing hides past the right edge, down to a phone's width.
    EditorView.lineWrapping,
    EditorView.updateListener.of((u) => {
      if (u.docChanged) onChange();
    }),
  ];
  const states = new Map(files.map((f) => [f, EditorState.create({ doc: texts[f] as string, extensions })]));
  let current = files[0] as string;
  let findings: readonly RuleFileFinding[] = [];
  const view = new EditorView({ state: states.get(current) as EditorState, parent });

  const diagnostics = (state: EditorState): Diagnostic[] =>
    findings
      .filter((f) => f.file === current && f.line !== null)
      .map((f) => {
        const line = state.doc.line(Math.min(f.line as number, state.doc.lines));
        const from = Math.min(line.from + (f.column ?? 1) - 1, line.to);
        // Underline the token that starts there (a key, a value), else the rest of the line.
        const rest = state.doc.sliceString(from, line.to);
        const token = /^("(?:[^"\\]|\\.)*"|[^\s,:{}[\]]+)/.exec(rest)?.[0].length ?? Math.max(1, rest.length);
        return {
          from,
          to: Math.min(from + token, line.to),
          severity: f.severity,
          message: f.message,
          source: f.check ?? 'rx-followup',
        };
      });

  const editor: RuleEditor = {
    files,
    current: () => current,
    text: (file) => (file === current ? view.state : (states.get(file) as EditorState)).doc.toString(),
    show(file) {
      if (file === current || !states.has(file)) return;
      states.set(current, view.state);
      current = file;
      view.setState(states.get(file) as EditorState);
      view.dispatch(setDiagnostics(view.state, diagnostics(view.state)));
    },
    showFindings(next) {
      findings = next;
      view.dispatch(setDiagnostics(view.state, diagnostics(view.state)));
    },
    goTo(file, line, column) {
      editor.show(file);
      const target = view.state.doc.line(Math.min(line, view.state.doc.lines));
      const pos = Math.min(target.from + column - 1, target.to);
      view.dispatch({ selection: { anchor: pos }, effects: EditorView.scrollIntoView(pos, { y: 'center' }) });
      view.focus();
    },
  };
  return editor;
}
