import {DEMO_UNASSIGNED_OWNER} from '@crmkit/host-core';

/**
 * The mock host's default active ruleset, run by the real Assignment Manager: a rejected lead goes
 * back to its original owner while that user is active, else to the unassigned owner. Seed another
 * one (`createMockHost({ruleset})`) to test against the rules a host really has.
 */
export const DEFAULT_MOCK_RULESET: Readonly<Record<string, unknown>> = {
  recordType: 'lead',
  description: 'Rejected leads go back to their original owner while that user is active.',
  unassignedOwner: DEMO_UNASSIGNED_OWNER,
  rules: [
    {
      name: 'original-owner',
      conditions: {all: [{fact: 'lead', path: '$.status', operator: 'equal', value: 'Rejected'}]},
      event: {type: 'assign', params: {to: 'originalOwner'}},
    },
  ],
};
