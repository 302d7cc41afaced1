// Typed access to the repo's Chromium finder (scripts/find-chromium.mjs is plain JavaScript).
// @ts-expect-error -- scripts/find-chromium.mjs has no declaration file; the types are given below
import {chromiumArgs as args, findChromium as find} from '../../scripts/find-chromium.mjs';

/** CHROME_PATH, else Debian's /usr/bin/chromium; throws with how to install one when there is none. */
export const findChromium: (options?: {install?: boolean}) => string = find;
/** Flags that start Debian's Chromium headless and quiet. */
export const chromiumArgs: readonly string[] = args;
