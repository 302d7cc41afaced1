/**
 * One finding of manifest validation. `code` is stable (switch on it); `message` says what is wrong
 * and `hint` how to fix it. `line`/`column` are 1-based positions in the JSON text (0 when an object,
 * not a text, was validated); `pointer` is the RFC 6901 JSON pointer of the value concerned.
 */
export interface ManifestIssue {
  code: string;
  message: string;
  hint: string;
  pointer: string;
  file?: string;
  line: number;
  column: number;
  severity: 'error' | 'warning';
}
