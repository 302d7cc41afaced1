// The rule studio's editor: CodeMirror 6 over the ruleset's JSON text, with completion and hover docs
// from the ruleset's JSON Schema (codemirror-json-schema), crmkit's own linter inline, line numbers,
// and German or English throughout. admin-page.ts imports this module dynamically, so CodeMirror is a
// chunk of its own that only the admin page loads.
import {basicSetup, EditorView} from 'codemirror';
import {EditorSelection, EditorState, type Extension} from '@codemirror/state';
import {hoverTooltip} from '@codemirror/view';
import {json, jsonLanguage} from '@codemirror/lang-json';
import {ensureSyntaxTree, syntaxTree} from '@codemirror/language';
import {linter, lintGutter, type Diagnostic} from '@codemirror/lint';
import {jsonCompletion, jsonSchemaHover, stateExtensions} from 'codemirror-json-schema';
import rulesetSchema from '@crmkit/assignment/schema/lead-assignment-ruleset.schema.json';
import {
  adminTranslator,
  CODEMIRROR_PHRASES_DE,
  RULESET_SCHEMA_DESCRIPTIONS_DE,
  type AdminTranslate,
} from '../admin-page-strings.js';
import type {PageLanguage} from '../page-strings.js';
import {lintForStudio, type StudioFinding} from './rules-lint.js';
import {completionSchema, localizeSchema, schemaValues} from './rules-schema.js';

export interface RulesEditorOptions {
  /** The element the editor fills (it should be empty). */
  parent: HTMLElement;
  doc: string;
  lang: PageLanguage;
  /** Ids of the elements that name and describe the editor (its accessible name and description). */
  labelledBy: string;
  describedBy: string;
  /** Every change of the text, as typed. */
  onChange(text: string): void;
  /** The linter's findings after each check; undefined when the linter cannot run in this browser. */
  onFindings(findings: StudioFinding[] | undefined): void;
}

export interface RulesEditor {
  readonly text: string;
  /** Replaces the whole text (an upload, a version put into the editor). */
  setText(text: string): void;
  /**
   * Selects the place of a finding (1-based line and column; the whole value there, or the rest of
   * its line when the value spans lines), scrolls it into view and focuses the editor.
   */
  select(line: number, column: number): void;
  focus(): void;
  destroy(): void;
}

type EditorSchema = Parameters<typeof stateExtensions>[0];

/**
 * How many nested references the completion schema inlines: a rule's root condition and four levels
 * of all/any/not below it. codemirror-json-schema copies the schema on every completion, and that
 * copy grows threefold per level (measured: ~40 ms at 7, ~120 ms at 8 per suggestion).
 */
const COMPLETION_DEPTH = 7;

/** How long the linter waits after the last keystroke. */
const LINT_DELAY_MS = 300;

export function createRulesEditor(options: RulesEditorOptions): RulesEditor {
  const a = adminTranslator(options.lang);
  const localized =
    options.lang === 'de'
      ? localizeSchema(rulesetSchema, RULESET_SCHEMA_DESCRIPTIONS_DE)
      : rulesetSchema;
  // The JSON import types `type` as any string; completionSchema keeps the file's keywords.
  const schema = completionSchema(localized, COMPLETION_DEPTH) as unknown as EditorSchema;
  const view = new EditorView({
    parent: options.parent,
    state: EditorState.create({
      doc: options.doc,
      extensions: [
        // basicSetup: line numbers, history, folding, bracket matching, completion, search, … Its
        // keymap leaves Tab alone (no indentWithTab), so Tab moves the focus out of the editor as
        // everywhere else on the page.
        basicSetup,
        json(),
        jsonLanguage.data.of({autocomplete: jsonCompletion()}),
        hoverTooltip(
          jsonSchemaHover({
            getHoverTexts: (data) => hoverTexts(data.schema as Record<string, unknown>, a),
            formatHover: (texts) => hoverDom(texts, options.lang),
          }),
        ),
        stateExtensions(schema),
        lintGutter(),
        // crmkit's linter rather than codemirror-json-schema's: the same findings, codes and
        // positions the host answers, in the page's language.
        linter((v) => diagnostics(v, options), {delay: LINT_DELAY_MS}),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) options.onChange(update.state.doc.toString());
        }),
        EditorView.contentAttributes.of({
          'aria-labelledby': options.labelledBy,
          'aria-describedby': options.describedBy,
          lang: 'en', // JSON keys and values are not German prose; the page's language stays around it
          spellcheck: 'false',
          // Tabbable as a contenteditable is anyway, said out loud: axe-core does not count a
          // contenteditable as the keyboard access its scrolling parent (.cm-scroller) needs.
          tabindex: '0',
        }),
        phrases(options.lang),
        theme,
      ],
    }),
  });
  return {
    get text() {
      return view.state.doc.toString();
    },
    setText(text) {
      view.dispatch({changes: {from: 0, to: view.state.doc.length, insert: text}});
    },
    select(line, column) {
      const {from, to} = findingRange(view.state, line, column);
      view.dispatch({
        selection: EditorSelection.single(from, to),
        effects: EditorView.scrollIntoView(from, {y: 'center'}),
      });
      view.focus();
    },
    focus: () => view.focus(),
    destroy: () => view.destroy(),
  };
}

function phrases(lang: PageLanguage): Extension {
  return lang === 'de' ? EditorState.phrases.of(CODEMIRROR_PHRASES_DE) : [];
}

/** Lints the text, tells the page, and answers the findings as CodeMirror diagnostics. */
function diagnostics(view: EditorView, options: RulesEditorOptions): Diagnostic[] {
  const findings = lintForStudio(view.state.doc.toString(), options.lang);
  options.onFindings(findings);
  return (findings ?? []).map((f) => {
    const {from, to} = findingRange(view.state, f.line, f.column);
    return {
      from,
      to,
      severity: f.severity,
      source: f.code,
      message: `${f.summary} ${f.detail}`,
      renderMessage: () => findingDom(f, options.lang),
    };
  });
}

/** The finding's text in a tooltip: the summary in the page's language, the detail in its own. */
function findingDom(f: StudioFinding, lang: PageLanguage): Node {
  const root = document.createElement('span');
  const summary = document.createElement('strong');
  summary.textContent = f.summary;
  const detail = document.createElement('span');
  detail.textContent = ` ${f.detail}`;
  if (f.detailLang !== lang) detail.lang = f.detailLang;
  root.append(summary, detail);
  return root;
}

/** The document offset of a 1-based line and column, clamped into the text. */
function offsetOf(state: EditorState, line: number, column: number): number {
  const doc = state.doc;
  const l = doc.line(Math.min(Math.max(line, 1), doc.lines));
  return Math.min(l.from + Math.max(column - 1, 0), l.to);
}

/**
 * The range a finding at line:column covers: the JSON value (or property name) that starts there by
 * the syntax tree, e.g. the whole `"within"` of an unknown operator. A value over several lines (an
 * object) is cut at the end of its first line, so that selecting it does not select half the file.
 */
function findingRange(
  state: EditorState,
  line: number,
  column: number,
): {from: number; to: number} {
  const pos = offsetOf(state, line, column);
  const tree = ensureSyntaxTree(state, state.doc.length, 200) ?? syntaxTree(state);
  let node = tree.resolveInner(pos, 1);
  while (node.parent && node.parent.from === pos && !STOP_AT.has(node.parent.name)) {
    node = node.parent;
  }
  const lineEnd = state.doc.lineAt(pos).to;
  if (node.from !== pos || node.to <= pos) {
    // Nothing starts here (a syntax error): the character at the place, so the mark is visible.
    return {from: pos, to: Math.min(pos + 1, lineEnd)};
  }
  return {from: pos, to: Math.min(node.to, lineEnd)};
}

/** Nodes a finding's range never grows into: a property (name and value) and the whole document. */
const STOP_AT = new Set(['Property', 'JsonText']);

/** The hover's texts from the (localized) schema at the cursor, worded in the page's language. */
function hoverTexts(schema: Record<string, unknown>, a: AdminTranslate) {
  const values = schemaValues(schema);
  const or = (items: unknown[]) => {
    const shown = items.map((v) => JSON.stringify(v));
    return shown.length > 1
      ? `${shown.slice(0, -1).join(', ')} ${a('listOr')} ${shown.at(-1)}`
      : (shown[0] ?? '');
  };
  const lines: string[] = [];
  if (values) lines.push(a('hoverValues', {values: or(values)}));
  else if (typeof schema.type === 'string') lines.push(a('hoverType', {type: schema.type}));
  if (typeof schema.pattern === 'string') lines.push(a('hoverPattern', {pattern: schema.pattern}));
  const message = typeof schema.description === 'string' ? schema.description : '';
  return {message, typeInfo: lines.join('\n')};
}

/** The hover's DOM, as text only: descriptions are shown as written, never parsed as HTML. */
function hoverDom(texts: {message: string; typeInfo: string}, lang: PageLanguage): HTMLElement {
  const root = document.createElement('div');
  root.className = 'cm6-json-schema-hover';
  root.lang = lang;
  if (texts.message) {
    const p = document.createElement('p');
    p.className = 'cm6-json-schema-hover--description';
    p.textContent = texts.message;
    root.append(p);
  }
  for (const line of texts.typeInfo.split('\n').filter(Boolean)) {
    const code = document.createElement('p');
    code.className = 'cm6-json-schema-hover--code';
    code.textContent = line;
    root.append(code);
  }
  return root;
}

/**
 * Sizes, focus ring and colours: a fixed height (the editor scrolls, so a finding's click has to
 * scroll to it), and light colours in both of the page's colour schemes, since CodeMirror's syntax
 * colours are made for a light background (they pass axe's contrast check there); the gutter's
 * numbers darker than CodeMirror's default grey.
 */
const theme = EditorView.theme({
  '&': {
    height: '24rem',
    border: '1px solid #8a8a8a',
    borderRadius: '4px',
    fontSize: '0.9rem',
    background: '#fff',
    color: '#1c2430',
  },
  '&.cm-focused': {outline: '3px solid var(--focus, #f59e0b)', outlineOffset: '2px'},
  '.cm-scroller': {fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace'},
  '.cm-gutters': {background: '#f3f3f3', color: '#4a4a4a', borderRight: '1px solid #ccc'},
  '.cm-tooltip': {maxWidth: '32rem', background: '#f8f8f8', color: '#1c2430'},
  '.cm6-json-schema-hover': {padding: '0.25rem 0.5rem'},
  '.cm6-json-schema-hover p': {margin: '0.25rem 0'},
  '.cm6-json-schema-hover--code': {fontFamily: 'ui-monospace, monospace', fontSize: '0.85rem'},
});
