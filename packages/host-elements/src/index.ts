// Public API of @crmkit/host-elements: filled in by the issue that builds this package.
export {};
