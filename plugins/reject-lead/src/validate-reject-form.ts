import type {RejectCodeOption} from '@crmkit/sdk';
import type {RejectLeadStrings} from './strings.js';

/**
 * The key of the reject code that always requires a reason, whatever its label. Same value as
 * `OTHER_REJECT_CODE` of @crmkit/sdk (a test checks it): kept here so the lit-external bundle imports
 * nothing but lit at run time.
 */
export const OTHER_REJECT_CODE = 'OTHER';

/** Longest reject reason, in characters after trimming; same as @crmkit/sdk's `MAX_REJECT_REASON_LENGTH`. */
export const MAX_REJECT_REASON_LENGTH = 2000;

/** The fields of the reject form, named as in the REST contract's `errors[].field`. */
export const REJECT_FORM_FIELDS = ['rejectCode', 'rejectReason', 'reassignOwner'] as const;
export type RejectFormField = (typeof REJECT_FORM_FIELDS)[number];
export type RejectFormErrors = Partial<Record<RejectFormField, string>>;

export interface RejectFormValues {
  rejectCode: string;
  rejectReason: string;
}

/** Whether the chosen code requires a reason: its key is `OTHER`, whatever an admin renamed it to. */
export function reasonRequiredFor(rejectCode: string): boolean {
  return rejectCode === OTHER_REJECT_CODE;
}

/**
 * The client-side checks of the reject form, for the user's comfort (the host checks everything again):
 * a code is chosen, a reason is given when the code is `OTHER`, and the reason fits 2000 characters.
 * Returns one message per invalid field, in form order; empty when the form may be sent.
 */
export function validateRejectForm(
  values: RejectFormValues,
  codes: readonly RejectCodeOption[],
  strings: RejectLeadStrings,
): RejectFormErrors {
  const errors: RejectFormErrors = {};
  const reason = values.rejectReason.trim();
  if (!values.rejectCode) errors.rejectCode = strings.codeRequired;
  if (reasonRequiredFor(values.rejectCode) && reason === '') {
    const label = codes.find((c) => c.key === values.rejectCode)?.label ?? values.rejectCode;
    errors.rejectReason = strings.reasonRequired(label);
  } else if (reason.length > MAX_REJECT_REASON_LENGTH) {
    errors.rejectReason = strings.reasonTooLong(reason.length, MAX_REJECT_REASON_LENGTH);
  }
  return errors;
}
