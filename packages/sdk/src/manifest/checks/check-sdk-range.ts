import {checkSdkRange as satisfiesRange} from '../sdk-range.js';
import type {ManifestCheck} from './manifest-check.js';

/** `invalid-sdk-range` and `sdk-unsatisfied`: the `sdk` range, read by npm's semver, against this SDK. */
export const checkSdkRange: ManifestCheck = ({sdk}, {sdkVersion}) => {
  if (typeof sdk !== 'string' || !sdk.trim()) return [];
  const check = satisfiesRange(sdk, sdkVersion);
  if (check === 'invalid') {
    return [
      {
        code: 'invalid-sdk-range',
        pointer: '/sdk',
        hint: `write a semver range such as "^${sdkVersion}", "~${sdkVersion}" or ">=${sdkVersion} <2"`,
        message: `sdk ${JSON.stringify(sdk)} is not a semver range`,
      },
    ];
  }
  if (check === 'unsatisfied') {
    return [
      {
        code: 'sdk-unsatisfied',
        pointer: '/sdk',
        hint: `build the plugin against @crmkit/sdk ${sdkVersion} and widen the range, e.g. "^${sdkVersion}"`,
        message: `this is @crmkit/sdk ${sdkVersion}, which the plugin's range ${JSON.stringify(sdk)} does not accept`,
      },
    ];
  }
  return [];
};
