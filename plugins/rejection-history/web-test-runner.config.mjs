// The browser tests (`npm test`): src/**/*.browser.test.ts in headless Chromium, against the mock host.
import {crmkitTestRunner} from '@crmkit/cli/test-runner';

export default crmkitTestRunner({dir: import.meta.dirname});
