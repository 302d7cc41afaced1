// Public API of @crmkit/reject-lead. Importing it defines <crm-reject-lead> (a side effect of the
// element module's @customElement decorator). Kept to what hosts and plugin authors use: every
// exported name costs bytes in the 5 KB entry.
export {CrmRejectLead} from './crm-reject-lead.js';
export {LeadRejectedEvent} from './lead-rejected-event.js';
export {RejectCancelEvent} from './reject-cancel-event.js';
export {STRINGS_DE, STRINGS_EN, stringsFor} from './strings.js';

export type {RejectLeadStrings} from './strings.js';
