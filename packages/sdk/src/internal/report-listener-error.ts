/**
 * Reports an error thrown by a listener without letting it stop the other listeners or the sender:
 * through `reportError` where the platform has it (browsers: the page's error event), else the console.
 */
export function reportListenerError(error: unknown): void {
  const report = (globalThis as {reportError?: (error: unknown) => void}).reportError;
  if (typeof report === 'function') report(error);
  else console.error(error);
}
