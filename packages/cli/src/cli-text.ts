/** The languages the CLI prints in. */
export type Lang = 'en' | 'de';

const q = (v: string) => JSON.stringify(v);

const en = {
  unknownOption: (raw: string, suggestion: string | undefined, known: string) =>
    `unknown option ${raw}${suggestion ? ` (did you mean ${suggestion}?)` : ''}; the options are ${known}`,
  missingValue: (raw: string, example: string) => `${raw} needs a value, e.g. ${raw} ${example}`,
  valueLooksLikeOption: (raw: string, next: string, example: string) =>
    `${raw} needs a value, but the next argument is the option ${next}; e.g. ${raw} ${example} (a value that starts with "-" goes as ${raw}=-…)`,
  takesNoValue: (raw: string, value: string) =>
    `${raw} takes no value (got ${raw}=${value}); write just ${raw}`,
  givenTwice: (raw: string, first: string, second: string) =>
    `${raw} is given twice (${q(first)} and ${q(second)}); give it once`,
  badLang: (value: string) => `--lang must be en or de (got "${value}"), e.g. --lang de`,
};

/** The texts of one language. */
export type CliText = typeof en;

const de: CliText = {
  unknownOption: (raw: string, suggestion: string | undefined, known: string) =>
    `unbekannte Option ${raw}${suggestion ? ` (meinten Sie ${suggestion}?)` : ''}; die Optionen sind ${known}`,
  missingValue: (raw: string, example: string) =>
    `${raw} braucht einen Wert, z. B. ${raw} ${example}`,
  valueLooksLikeOption: (raw: string, next: string, example: string) =>
    `${raw} braucht einen Wert, aber das nächste Argument ist die Option ${next}; z. B. ${raw} ${example} (ein Wert, der mit „-“ beginnt, geht als ${raw}=-…)`,
  takesNoValue: (raw: string, value: string) =>
    `${raw} nimmt keinen Wert (angegeben: ${raw}=${value}); schreiben Sie nur ${raw}`,
  givenTwice: (raw: string, first: string, second: string) =>
    `${raw} ist zweimal angegeben (${q(first)} und ${q(second)}); geben Sie es einmal an`,
  badLang: (value: string) =>
    `--lang muss en oder de sein (angegeben: „${value}“), z. B. --lang de`,
};

/**
 * What every command prints about its options (parse-command-args.ts), in English and German. One
 * table, so that an option mistake reads the same in `crmkit rules lint` as in `crmkit pack`. Option
 * names and the values quoted back are never translated.
 */
export const CLI_TEXT: Record<Lang, CliText> = {en, de};
