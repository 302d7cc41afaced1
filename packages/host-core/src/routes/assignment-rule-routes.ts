import type {ActiveRuleset} from './active-ruleset.js';
import {HostProblem} from '../http/host-problem.js';
import type {Route} from '../http/route.js';
import {hostText} from '../texts/host-texts.js';

/** Admin routes of the lead assignment rules: read, replace (lint first), per-rule match counts. */
export function assignmentRuleRoutes(rules: ActiveRuleset): Route[] {
  return [
    {
      method: 'GET',
      path: '/api/admin/assignment-rules',
      privilege: 'assignment.manage',
      handle: () => {
        const ruleset = rules.ruleset;
        if (ruleset === undefined) {
          throw new HostProblem('not-found', hostText('assignment-rules.none-active'));
        }
        return {status: 200, body: ruleset};
      },
    },
    {
      method: 'PUT',
      path: '/api/admin/assignment-rules',
      privilege: 'assignment.manage',
      body: true,
      handle: ({rawBody, user, language}) => {
        const {ruleset, warnings} = rules.activate(rawBody!, user.id);
        return {
          status: 200,
          body: {
            ruleset,
            warnings: warnings.map((w) => ({...w, message: w.message[language]})),
          },
        };
      },
    },
    {
      method: 'GET',
      path: '/api/admin/assignment-rules/stats',
      privilege: 'assignment.manage',
      handle: async () => ({status: 200, body: await rules.stats()}),
    },
  ];
}
