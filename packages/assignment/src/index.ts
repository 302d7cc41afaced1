// Public API of @crmkit/assignment: filled in by the issue that builds this package.
export {};
