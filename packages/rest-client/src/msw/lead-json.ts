import type {Lead} from '@crmkit/sdk';
import type {DemoUser} from '@crmkit/host-core';

/** A lead as the contract sends it: with the owners' display names (null when there is none). */
export function leadJson(lead: Lead, users: readonly DemoUser[]): Lead {
  const name = (id: string | null) => (id ? (users.find((u) => u.id === id)?.name ?? null) : null);
  const json = structuredClone(lead);
  json.ownerName = name(lead.ownerId);
  json.originalOwnerName = name(lead.originalOwnerId);
  return json;
}
