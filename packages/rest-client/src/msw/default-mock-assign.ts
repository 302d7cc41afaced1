import type {AssignmentOutcome} from '@crmkit/sdk';
import type {MockAssign} from './mock-host-runtime.js';

/**
 * The mock's reassignment when no `assign` is given: back to the lead's original owner while that user
 * is active (rule `original-owner`), else the unassigned owner. Pass @crmkit/assignment's evaluator as
 * `assign` to decide by the active ruleset exactly as a real host does.
 */
export const defaultMockAssign: MockAssign = (
  lead,
  {users, unassignedOwner},
): AssignmentOutcome => {
  const original = users.find((u) => u.id === lead.originalOwnerId);
  if (original?.active) return {outcome: 'assigned', ownerId: original.id, rule: 'original-owner'};
  return {outcome: 'unassigned-owner', ownerId: unassignedOwner, rule: null};
};
