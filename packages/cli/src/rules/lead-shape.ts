import {toLeadFacts, type LeadFacts, type LeadRecordLike} from '@crmkit/assignment';
import type {NotALeadReason} from './rules-text.js';

/** Fields a lead may hold as a string or null (an owner it does not have). */
const OWNER_FIELDS = ['ownerId', 'originalOwnerId'] as const;

/**
 * Whether a parsed JSON value is a lead the rules can decide: an object with a non-empty string
 * `id` and a string `status`, and `ownerId`/`originalOwnerId`, when present, a string or null.
 * Anything else (`{"hello": "world"}`, an array, a number) is not a lead, and the first reason why is
 * returned. A lead as the REST API returns it (a nested `rejection`) is flattened into the lead fact.
 */
export function asLead(value: unknown): {lead: LeadFacts} | {notALead: NotALeadReason} {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    const type = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
    return {
      notALead: {kind: 'not-an-object', type: type as 'array' | 'string' | 'number' | 'boolean'},
    };
  }
  const record = value as Record<string, unknown>;
  for (const field of ['id', 'status'] as const) {
    const v = record[field];
    if (v === undefined) return {notALead: {kind: 'missing', field}};
    if (typeof v !== 'string') return {notALead: {kind: 'wrong-type', field, expected: 'string'}};
    if (field === 'id' && v.trim() === '') return {notALead: {kind: 'empty', field}};
  }
  for (const field of OWNER_FIELDS) {
    const v = record[field];
    if (v !== undefined && v !== null && typeof v !== 'string')
      return {notALead: {kind: 'wrong-type', field, expected: 'string-or-null'}};
  }
  const lead =
    record.rejection && typeof record.rejection === 'object'
      ? toLeadFacts(record as unknown as LeadRecordLike)
      : (record as unknown as LeadFacts);
  return {lead};
}
