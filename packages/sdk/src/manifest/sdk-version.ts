/**
 * The version of this @crmkit/sdk, which a manifest's `sdk` range must satisfy. Kept equal to
 * packages/sdk/package.json's version by a test (sdk-version.test.ts).
 */
export const SDK_VERSION = '0.1.0';
