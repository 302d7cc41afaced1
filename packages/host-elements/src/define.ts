// Side-effect entry: `import '@crmkit/host-elements/define.js'` (or the bundle's `define.js`) defines
// <crm-plugin-host>, <crm-extension-point> and <crm-plugin-frame> in the global registry. The module
// finishes evaluating only once they are defined, so code after the import can use them at once. (It
// imports the package index, so the bundle's define.js reuses index.js instead of a copy.)
import {defineHostElements} from './index.js';

await defineHostElements();
