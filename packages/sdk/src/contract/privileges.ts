/**
 * The privilege keys of the crmkit contract. A host grants them to roles; a plugin declares the ones it
 * uses in its manifest's `permissions`. The keys are stable: extend this list, never rename an entry.
 */
export const PRIVILEGES = [
  'leads.read',
  'leads.reject',
  'leads.qualify',
  'leads.convert',
  'leads.archive',
  'assignment.manage',
  'plugins.manage',
] as const;

/** One of the stable privilege keys in {@link PRIVILEGES}. */
export type Privilege = (typeof PRIVILEGES)[number];

const known: ReadonlySet<string> = new Set(PRIVILEGES);

/** Whether `value` is one of the stable privilege keys. */
export function isPrivilege(value: unknown): value is Privilege {
  return typeof value === 'string' && known.has(value);
}
