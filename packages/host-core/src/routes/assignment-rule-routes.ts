import type {ActiveRuleset} from './active-ruleset.js';
import {HostProblem} from '../http/host-problem.js';
import type {BilingualFieldError} from '../http/host-problem.js';
import type {Route} from '../http/route.js';
import type {HostStore, RulesetVersionRecord} from '../store/host-store.js';
import {hostText} from '../texts/host-texts.js';
import {previewRuleset} from './preview-ruleset.js';

/** The most recorded rejections a preview replays. */
export const MAX_PREVIEW_REPLAY = 10_000;

/**
 * Admin routes of the lead assignment rules: read, replace (lint first), per-rule match counts, the
 * versions (every activation) with roll back, and a preview of what a candidate would change.
 */
export function assignmentRuleRoutes(rules: ActiveRuleset, store: HostStore): Route[] {
  const versionView = (v: RulesetVersionRecord) => ({
    version: v.id,
    activatedAt: v.createdAt,
    activatedBy: v.createdBy
      ? {id: v.createdBy, name: store.user(v.createdBy)?.name ?? v.createdBy}
      : null,
    active: v.active,
  });
  const versionOf = async (text: string) => {
    const n = Number(text);
    const found = Number.isInteger(n)
      ? (await store.rulesetVersions()).find((v) => v.id === n)
      : undefined;
    if (!found) {
      throw new HostProblem(
        'not-found',
        hostText('assignment-rules.version-not-found', {version: text}),
      );
    }
    return found;
  };
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
      handle: async ({rawBody, user, language}) => {
        const {ruleset, warnings} = await rules.activate(rawBody!, user.id);
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
      path: '/api/admin/assignment-rules/versions',
      privilege: 'assignment.manage',
      handle: async () => ({status: 200, body: (await store.rulesetVersions()).map(versionView)}),
    },
    {
      method: 'GET',
      path: '/api/admin/assignment-rules/versions/{version}',
      privilege: 'assignment.manage',
      handle: async ({params}) => {
        const found = await versionOf(params.version!);
        return {status: 200, body: {...versionView(found), ruleset: JSON.parse(found.body)}};
      },
    },
    {
      method: 'POST',
      path: '/api/admin/assignment-rules/versions/{version}/activate',
      privilege: 'assignment.manage',
      handle: async ({params, user}) => {
        const found = await versionOf(params.version!);
        const id = (await rules.restore(found.id, user.id))!;
        const now = (await store.rulesetVersions()).find((v) => v.id === id)!;
        return {
          status: 200,
          body: {...versionView(now), ruleset: JSON.parse(now.body), restoredFrom: found.id},
        };
      },
    },
    {
      method: 'POST',
      path: '/api/admin/assignment-rules/preview',
      privilege: 'assignment.manage',
      body: true,
      handle: async ({rawBody, query}) => {
        const rejectCode = query.get('rejectCode') ?? 'OTHER';
        const replayText = query.get('replay');
        const replay = replayText === null ? 100 : Number(replayText);
        const errors: BilingualFieldError[] = [];
        if (!store.rejectCode(rejectCode)) {
          errors.push({
            field: 'rejectCode',
            code: 'unknown-reject-code',
            message: hostText('assignment-rules.preview-code.field', {
              rejectCode,
              known: store
                .rejectCodes()
                .map((c) => c.key)
                .join(', '),
            }),
          });
        }
        if (!Number.isInteger(replay) || replay < 0 || replay > MAX_PREVIEW_REPLAY) {
          errors.push({
            field: 'replay',
            code: 'maximum',
            message: hostText('assignment-rules.preview-replay.field', {
              replay: replayText ?? '',
              max: MAX_PREVIEW_REPLAY,
            }),
          });
        }
        if (errors.length) {
          throw new HostProblem('invalid-query', hostText('assignment-rules.preview-query'), {
            errors,
          });
        }
        const {compiled} = rules.check(rawBody!);
        const preview = await previewRuleset(store, rules.active, compiled, {rejectCode, replay});
        return {status: 200, body: preview};
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
