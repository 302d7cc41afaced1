import type {ManifestIssue} from '../manifest/manifest-issue.js';
import {CrmkitError} from './crmkit-error.js';

/** A manifest did not validate; `issues` holds every finding (errors and warnings). */
export class ManifestValidationError extends CrmkitError {
  readonly issues: ManifestIssue[];

  constructor(issues: ManifestIssue[], options?: {cause?: unknown}) {
    const errors = issues.filter((i) => i.severity === 'error');
    const first = errors[0];
    const where = first ? ` (first: ${first.pointer || '/'}: ${first.message})` : '';
    super(
      'invalid-manifest',
      `The plugin manifest has ${errors.length} error${errors.length === 1 ? '' : 's'}${where}.`,
      options,
    );
    this.issues = issues;
  }
}
