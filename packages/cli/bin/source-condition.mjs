// Module-resolution hook: adds the `@crmkit/source` export condition, so `@crmkit/*` imports resolve to the
// workspace packages' TypeScript sources.
export async function resolve(specifier, context, nextResolve) {
  return nextResolve(specifier, {
    ...context,
    conditions: [...context.conditions, '@crmkit/source'],
  });
}
