import type {ManifestAction} from './manifest.js';

/** What a host knows of the record its page shows, as far as an action's `when` asks. */
export interface ActionRecord {
  /** The record's Lead Status; undefined while the host does not know it. */
  status?: string | undefined;
}

/**
 * Whether a host offers `action` on `record`: always when the action has no `when`; with
 * `when.status`, only when the record's status is one of them. A record of unknown status does not
 * meet a status condition, so an action meant for qualified leads is not offered before the page has
 * said that the lead is one. (This is the page's comfort only: the server refuses a reject of a lead
 * that is not qualified either way.)
 */
export function isActionApplicable(
  action: Pick<ManifestAction, 'when'>,
  record: ActionRecord,
): boolean {
  const statuses: readonly string[] | undefined = action.when?.status;
  if (statuses === undefined) return true;
  return record.status !== undefined && statuses.includes(record.status);
}
