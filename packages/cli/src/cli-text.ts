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

/**
 * What `--host` and `--token` are told when wrong, and a host that does not answer: the same for
 * every command that talks to a host CRM (`install`, `rules deploy`, `rules pull`; see
 * rules/host-request.ts), with the privilege the token's user needs.
 */
export function hostRequestText(lang: Lang, privilege: string) {
  const en = {
    noHost: 'give the host CRM with --host <url>, e.g. --host http://127.0.0.1:3000',
    badHost: (value: string) =>
      `--host must be an http or https URL such as http://127.0.0.1:3000 (got "${value}")`,
    hostWithQuery: (value: string) =>
      `--host is the host CRM's base URL, without a query or #fragment (got "${value}")`,
    hostWithCredentials: (value: string) =>
      `--host must not contain a user name or password (got "${value}"); pass the token with --token or CRMKIT_TOKEN`,
    noToken: `no API token: set the environment variable CRMKIT_TOKEN (e.g. export CRMKIT_TOKEN=…) or pass --token <token>; it must be a token of a user whose role has ${privilege}`,
    emptyToken: '--token is empty; give the token, or leave --token out to use CRMKIT_TOKEN',
    plainHttp: (host: string) =>
      `warning: the token goes to ${host} over plain http, readable on the way; use https for a host that is not this machine`,
    timedOut: (seconds: number) => `no answer within ${seconds} s`,
  };
  const de: typeof en = {
    noHost: 'geben Sie das Host-CRM mit --host <URL> an, z. B. --host http://127.0.0.1:3000',
    badHost: (value: string) =>
      `--host muss eine http- oder https-URL sein, etwa http://127.0.0.1:3000 (angegeben: „${value}“)`,
    hostWithQuery: (value: string) =>
      `--host ist die Basis-URL des Host-CRM, ohne Query oder #Fragment (angegeben: „${value}“)`,
    hostWithCredentials: (value: string) =>
      `--host darf keinen Benutzernamen und kein Passwort enthalten (angegeben: „${value}“); übergeben Sie das Token mit --token oder CRMKIT_TOKEN`,
    noToken: `kein API-Token: setzen Sie die Umgebungsvariable CRMKIT_TOKEN (z. B. export CRMKIT_TOKEN=…) oder übergeben Sie --token <Token>; es muss das Token eines Benutzers sein, dessen Rolle ${privilege} hat`,
    emptyToken:
      '--token ist leer; geben Sie das Token an, oder lassen Sie --token weg, um CRMKIT_TOKEN zu verwenden',
    plainHttp: (host: string) =>
      `Warnung: das Token geht über unverschlüsseltes http an ${host} und ist unterwegs lesbar; verwenden Sie https für einen Host, der nicht dieser Rechner ist`,
    timedOut: (seconds: number) => `keine Antwort binnen ${seconds} s`,
  };
  return {en, de}[lang];
}
