// Side-effect entry: `import '@crmkit/host-elements/define.js'` (or the bundle's `define.js`) defines
// <crm-plugin-host> and <crm-extension-point> in the global registry. The module finishes evaluating
// only once both are defined, so code after the import can use them at once. (It imports the package
// index, so the bundle's define.js reuses index.js instead of a copy of the elements.)
import {defineHostElements} from './index.js';

await defineHostElements();
