/** The Chromium binary for tests: CHROME_PATH, /usr/bin/chromium, or (as root with apt-get, when `install`) Debian's package. */
export function findChromium(options?: {install?: boolean}): string;
/** Flags that make Debian's Chromium start headless and quiet on a machine without a network. */
export const chromiumArgs: string[];
