// Builds dist/index.js, the entry plugin.json names: `npm run build` (or `npx rollup -c`).
import {crmkitPlugin} from '@crmkit/cli/rollup';

export default crmkitPlugin({dir: import.meta.dirname});
