// reject-lead and the lead-panel test plugin sandboxed (`isolation: 'frame'`); the same tests as
// plugins-in-page.browser.test.ts, which runs them trusted in the page.
import {definePluginIsolationSuite} from '../../test/isolation-suite.js';

definePluginIsolationSuite('frame');
