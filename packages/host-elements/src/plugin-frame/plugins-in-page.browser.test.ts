// reject-lead and the lead-panel test plugin trusted (`isolation: 'page'`); the same tests as
// plugins-in-frame.browser.test.ts, which runs them sandboxed.
import {definePluginIsolationSuite} from '../../test/isolation-suite.js';

definePluginIsolationSuite('page');
