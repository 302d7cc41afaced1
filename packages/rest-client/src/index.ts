// Public API of @crmkit/rest-client: filled in by the issue that builds this package.
export {};
