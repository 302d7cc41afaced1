import type {TextPosition} from './text-position.js';

/** How bad a finding is: an `error` refuses the input, a `warning` does not. */
export type Severity = 'error' | 'warning';

/**
 * One finding of a checker over a JSON document (the plugin manifest's, the ruleset linter's). `code` is
 * stable (switch on it); `message` says what is wrong and `hint` how to fix it; `pointer` is the RFC
 * 6901 JSON pointer of the value concerned. `line`/`column` are 1-based (see {@link TextPosition}):
 * in the checked text, or 1:1 (the document's start) when a parsed value was checked.
 */
export interface Finding<Code extends string = string> extends TextPosition {
  severity: Severity;
  code: Code;
  message: string;
  hint: string;
  pointer: string;
  /** The file, when the caller named one. */
  file?: string;
}

/** A finding before it gets its position (and, when left out, its severity `error`). */
export interface FindingDraft<Code extends string = string> {
  severity?: Severity;
  code: Code;
  message: string;
  hint: string;
  pointer: string;
  /** Point at the property name rather than its value (unknown fields, bad keys). */
  key?: boolean;
}
