/** A usage or input problem: printed to stderr, exit code 2. */
export class UsageError extends Error {}

/** The output language: `--lang`, else German when `LC_ALL`/`LANG` says so, else English. */
export function outputLanguage(option: string | undefined): 'en' | 'de' {
  if (option !== undefined) {
    if (option !== 'en' && option !== 'de')
      throw new UsageError(`--lang must be en or de (got "${option}").`);
    return option;
  }
  return /^de(?:[_.-]|$)/i.test(process.env.LC_ALL || process.env.LANG || '') ? 'de' : 'en';
}
