// Public API of @crmkit/dev-host: filled in by the issue that builds this package.
export {};
