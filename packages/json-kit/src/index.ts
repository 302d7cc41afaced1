// Public API of @crmkit/json-kit (filled in by the JSON kit work).
export {};
