import type {Finding, FindingDraft} from '@crmkit/json-kit';
import type {ManifestIssueCode} from './manifest-issue-codes.js';

/**
 * One finding of manifest validation, in @crmkit/json-kit's shape (shared with the ruleset linter).
 * `code` is stable (switch on it, see MANIFEST_ISSUE_CODES); `message` says what is wrong and `hint`
 * how to fix it; `pointer` is the RFC 6901 JSON pointer of the value concerned. `line`/`column` are
 * 1-based positions in the JSON text, or 1:1 when a parsed value (an object) was validated.
 */
export type ManifestIssue = Finding;

/** An issue before it gets its position: what each check of the manifest returns. */
export type ManifestDraft = FindingDraft<ManifestIssueCode>;
