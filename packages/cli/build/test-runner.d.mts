import type {TestRunnerConfig} from '@web/test-runner';

/** Flags for a headless Chromium in containers and CI. */
export declare const CHROMIUM_ARGS: readonly string[];

/** The Chromium to test in: CHROME_PATH, else the first of the usual places that exists. */
export declare function findChromium(): string;

export interface CrmkitTestRunnerOptions extends Partial<TestRunnerConfig> {
  /** The plugin folder (pass `import.meta.dirname`; default: the working folder). */
  dir?: string;
}

/** The @web/test-runner config of a crmkit plugin's browser tests. */
export declare function crmkitTestRunner(
  options?: CrmkitTestRunnerOptions,
): Partial<TestRunnerConfig>;
