// Public API of @crmkit/reject-lead. Importing it defines <crm-reject-lead> (a side effect of the
// element module's @customElement decorator).
export {CrmRejectLead} from './crm-reject-lead.js';
export {LeadRejectedEvent} from './lead-rejected-event.js';
export {RejectCancelEvent} from './reject-cancel-event.js';
export {STRINGS_DE, STRINGS_EN, stringsFor} from './strings.js';
export {
  MAX_REJECT_REASON_LENGTH,
  OTHER_REJECT_CODE,
  validateRejectForm,
} from './validate-reject-form.js';

export type {RejectLeadStrings} from './strings.js';
export type {RejectFormErrors, RejectFormField, RejectFormValues} from './validate-reject-form.js';
