// Finds a Chromium for the browser tests: CHROME_PATH, else Debian's /usr/bin/chromium. When none is
// found and we run as root with apt-get available, installs Debian's `chromium`; otherwise explains how.
import {existsSync} from 'node:fs';
import {spawnSync} from 'node:child_process';

const candidates = [process.env.CHROME_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];

export function findChromium({install = false} = {}) {
  const found = candidates.find((path) => path && existsSync(path));
  if (found) return found;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], {stdio: 'ignore'}).status === 0;
  if (install && isRoot && hasApt) {
    console.log(
      'No Chromium found: installing Debian\'s "chromium" with apt-get (about a minute)…',
    );
    const env = {...process.env, DEBIAN_FRONTEND: 'noninteractive'};
    const run = (args) => spawnSync('apt-get', args, {stdio: 'inherit', env}).status === 0;
    if (
      run(['update', '-qq']) &&
      run(['install', '-y', '-qq', 'chromium']) &&
      existsSync('/usr/bin/chromium')
    ) {
      return '/usr/bin/chromium';
    }
  }
  throw new Error(
    'No Chromium found for the browser tests. Install one (Debian/Ubuntu: `sudo apt-get install chromium`) ' +
      'or point CHROME_PATH at a Chromium or Chrome binary.',
  );
}

/** Flags that make Debian's Chromium start headless and quiet on a machine without a network. */
export const chromiumArgs = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  // WTR runs two test files at once in separate pages: keep background pages rendering (FAST and
  // fixture() wait on animation frames, which a backgrounded page never gets).
  '--disable-renderer-backgrounding',
  '--disable-background-timer-throttling',
  '--disable-backgrounding-occluded-windows',
];
