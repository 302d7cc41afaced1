import {PRIVILEGES, isPrivilege} from '@crmkit/sdk';
import type {Privilege} from '@crmkit/sdk';
import type {HostStore, RoleRecord} from '../store/host-store.js';
import {HostProblem} from '../http/host-problem.js';
import type {BilingualFieldError} from '../http/host-problem.js';
import type {Route} from '../http/route.js';
import {AUDIT_ACTIONS} from '../texts/audit-actions.js';
import {hostText} from '../texts/host-texts.js';

/** The privilege without which nobody could change roles again. */
const ADMIN_PRIVILEGE: Privilege = 'plugins.manage';

/**
 * Whether, with `roles` and users' roles as given, an active user who can sign in still holds
 * plugins.manage: the one check that keeps an admin from locking everybody out.
 */
function someAdminLeft(
  store: HostStore,
  roles: readonly RoleRecord[],
  roleOf: (userId: string, current: string) => string,
): boolean {
  const admins = new Set(
    roles.filter((r) => r.privileges.includes(ADMIN_PRIVILEGE)).map((r) => r.id),
  );
  return [...store.users.values()].some(
    (u) => u.active && u.token !== null && admins.has(roleOf(u.id, u.roleId)),
  );
}

const lastAdmin = () => new HostProblem('last-admin', hostText('roles.last-admin'));

const userView = (u: {
  id: string;
  name: string;
  roleId: string;
  active: boolean;
  locale: string;
}) => ({
  id: u.id,
  name: u.name,
  roleId: u.roleId,
  active: u.active,
  locale: u.locale,
});

/** Roles and users for admins: which privileges each role holds, which role each user has. */
export function roleRoutes(store: HostStore): Route[] {
  const knownRoles = async () => (await store.roles()).map((r) => r.id).join(', ');
  return [
    {
      method: 'GET',
      path: '/api/admin/roles',
      privilege: 'plugins.manage',
      handle: async () => ({status: 200, body: await store.roles()}),
    },
    {
      method: 'PUT',
      path: '/api/admin/roles/{roleId}',
      privilege: 'plugins.manage',
      body: true,
      handle: async ({params, body, user}) => {
        const id = params.roleId!;
        const roles = await store.roles();
        const before = roles.find((r) => r.id === id);
        if (!before) {
          throw new HostProblem(
            'role-not-found',
            hostText('roles.not-found', {roleId: id, known: await knownRoles()}),
          );
        }
        const requested = (body as {privileges: string[]}).privileges;
        const errors: BilingualFieldError[] = requested.flatMap((p, i) =>
          isPrivilege(p)
            ? []
            : [
                {
                  field: `/privileges/${i}`,
                  code: 'unknown-privilege',
                  message: hostText('roles.unknown-privilege.field', {
                    privilege: p,
                    known: PRIVILEGES.join(', '),
                  }),
                },
              ],
        );
        if (errors.length) {
          throw new HostProblem(
            'unknown-privilege',
            hostText('roles.unknown-privilege', {count: errors.length}),
            {errors},
          );
        }
        // In the catalogue's order, each once: the same set always reads the same.
        const privileges = PRIVILEGES.filter((p) => requested.includes(p));
        await store.transaction(async () => {
          // Checked inside the transaction: another admin's change cannot slip in between.
          const after = (await store.roles()).map((r) => (r.id === id ? {...r, privileges} : r));
          if (!someAdminLeft(store, after, (_, current) => current)) throw lastAdmin();
          await store.setRolePrivileges(id, privileges);
          await store.audit(user.id, AUDIT_ACTIONS.roleUpdated, null, {
            id,
            before: before.privileges,
            after: privileges,
          });
        });
        return {status: 200, body: (await store.roles()).find((r) => r.id === id)};
      },
    },
    {
      method: 'GET',
      path: '/api/admin/users',
      privilege: 'plugins.manage',
      handle: () => ({status: 200, body: [...store.users.values()].map(userView)}),
    },
    {
      method: 'PUT',
      path: '/api/admin/users/{userId}',
      privilege: 'plugins.manage',
      body: true,
      handle: async ({params, body, user}) => {
        const id = params.userId!;
        const target = store.user(id);
        if (!target)
          throw new HostProblem('user-not-found', hostText('users.not-found', {userId: id}));
        const {roleId} = body as {roleId: string};
        const roles = await store.roles();
        if (!roles.some((r) => r.id === roleId)) {
          throw new HostProblem(
            'unknown-role',
            hostText('users.unknown-role', {roleId, known: await knownRoles()}),
            {
              errors: [
                {
                  field: '/roleId',
                  code: 'unknown-role',
                  message: hostText('users.unknown-role.field', {
                    roleId,
                    known: await knownRoles(),
                  }),
                },
              ],
            },
          );
        }
        await store.transaction(async () => {
          const moved = (userId: string, current: string) => (userId === id ? roleId : current);
          if (!someAdminLeft(store, await store.roles(), moved)) throw lastAdmin();
          await store.setUserRole(id, roleId);
          await store.audit(user.id, AUDIT_ACTIONS.userRoleChanged, null, {
            userId: id,
            before: target.roleId,
            after: roleId,
          });
        });
        return {status: 200, body: userView(store.user(id)!)};
      },
    },
  ];
}
