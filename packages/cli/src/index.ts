// Public API of @crmkit/cli: filled in by the issue that builds this package.
export {};
