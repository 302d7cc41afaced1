// Public API of @crmkit/reject-lead: filled in by the issue that builds this package.
export {};
