import {localize} from '../contract/localize.js';
import type {Privilege} from '../contract/privileges.js';
import {CrmkitError} from './crmkit-error.js';
import {PERMISSION_DENIED_TEXTS, type PermissionDenialCode} from './permission-denied-texts.js';

/**
 * A plugin called the host without a privilege. `permission-undeclared`: its manifest's `permissions`
 * do not list the privilege (the plugin's bug: declare it). `privilege-missing`: the signed-in user's
 * role does not grant it (expected: hide or disable the feature, check `context.can()` first).
 */
export interface PermissionDenial {
  pluginId: string;
  /** The context method called, e.g. `rejectLead`. */
  call: string;
  privilege: Privilege;
  code: PermissionDenialCode;
}

/** Thrown (as a rejected promise) by a guarded context call that was refused before reaching the host. */
export class PermissionDeniedError extends CrmkitError {
  declare readonly code: PermissionDenial['code'];
  readonly privilege: Privilege;
  readonly call: string;
  readonly pluginId: string;

  constructor(denial: PermissionDenial) {
    super(
      denial.code,
      denial.code === 'permission-undeclared'
        ? `Plugin "${denial.pluginId}" called ${denial.call}, which needs "${denial.privilege}", but its manifest does not declare that permission. Add "${denial.privilege}" to "permissions" in plugin.json.`
        : `Plugin "${denial.pluginId}" called ${denial.call}, which needs "${denial.privilege}", but the signed-in user's role does not grant it. Check context.can("${denial.privilege}") before offering the feature.`,
    );
    this.privilege = denial.privilege;
    this.call = denial.call;
    this.pluginId = denial.pluginId;
  }

  /** A short text for users (not developers) in `locale`: English or German, see PERMISSION_DENIED_TEXTS. */
  userMessage(locale: string): string {
    return localize(PERMISSION_DENIED_TEXTS[this.code], locale);
  }
}
