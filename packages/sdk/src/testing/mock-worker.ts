// The one msw worker of a test page. A service worker controls the whole page, so every render shares
// it: each render puts its own mock host's handlers in (the last render answers), and the worker is
// started once, on the first render, and left running for the page's other tests.
import {setupWorker} from 'msw/browser';
import type {SetupWorker} from 'msw/browser';
import type {RequestHandler} from 'msw';

let worker: SetupWorker | undefined;
let started: Promise<unknown> | undefined;
let startedUrl: string | undefined;

/** The page's msw worker, started (at `serviceWorkerUrl`) before this resolves. */
export async function pageWorker(serviceWorkerUrl: string): Promise<SetupWorker> {
  worker ??= setupWorker();
  if (startedUrl !== undefined && startedUrl !== serviceWorkerUrl) {
    throw new Error(
      `renderPlugin: the mock host's service worker already runs from ${startedUrl}; one page has one (asked for ${serviceWorkerUrl}).`,
    );
  }
  startedUrl = serviceWorkerUrl;
  // Anything the mock host does not answer (the plugin's own files, the test modules) goes to the
  // test server, so the plugin loads as it would on a host page.
  started ??= worker
    .start({quiet: true, onUnhandledRequest: 'bypass', serviceWorker: {url: serviceWorkerUrl}})
    .catch((error: unknown) => {
      started = undefined;
      throw new Error(
        `renderPlugin: msw's service worker did not start from ${serviceWorkerUrl}: ${String(error)}. ` +
          'Serve node_modules/msw/lib/mockServiceWorker.js at that URL (the crmkit test runner config ' +
          'of @crmkit/cli/test-runner does), or pass serviceWorkerUrl.',
        {cause: error},
      );
    });
  await started;
  return worker;
}

/** Gives the worker a render's handlers: its extra ones first, then its mock host's. */
export function useHandlers(target: SetupWorker, handlers: readonly RequestHandler[]): void {
  target.resetHandlers(...handlers);
}
