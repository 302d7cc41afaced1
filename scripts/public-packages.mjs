// The published packages, by folder, dependencies before dependents: what `npm run build` builds and
// types, and what the consumer stage packs and installs. A new public package goes here once.
export const PUBLIC_PACKAGES = [
  'packages/json-kit',
  'packages/sdk',
  'packages/assignment',
  'packages/host-core',
  'packages/rest-client',
  'packages/host-elements',
  'plugins/reject-lead',
  'packages/cli',
];
