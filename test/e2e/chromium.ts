// The repo's Chromium finder, typed by scripts/find-chromium.d.mts.
export {chromiumArgs, findChromium} from '../../scripts/find-chromium.mjs';
