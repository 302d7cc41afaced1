/**
 * A place in a text as editors and the crmkit CLI print it: `line` and `column` both start at 1, and a
 * column counts UTF-16 code units from the start of its line (a leading byte-order mark is not counted).
 */
export interface TextPosition {
  line: number;
  column: number;
}
