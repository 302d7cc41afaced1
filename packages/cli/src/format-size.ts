/** A size as the CLI prints it: bytes below 1 KB, else KB with one decimal in the output language. */
export function formatSize(n: number, locale: string): string {
  return n < 1024
    ? `${n} B`
    : `${(n / 1024).toLocaleString(locale, {minimumFractionDigits: 1, maximumFractionDigits: 1})} KB`;
}
