import type {LocalizedText} from '../contract/localize.js';

// The codes are the keys of this table: the error class imports them from here, so the texts (data)
// depend on nothing of the errors, and adding a code means adding its texts.
const TEXTS = {
  'invalid-source': {
    en: 'The plugin address is not valid.',
    de: 'Die Adresse des Plugins ist ungültig.',
  },
  'manifest-fetch-failed': {
    en: 'The plugin could not be downloaded.',
    de: 'Das Plugin konnte nicht heruntergeladen werden.',
  },
  'invalid-manifest': {
    en: 'The plugin’s description (plugin.json) is faulty.',
    de: 'Die Beschreibung des Plugins (plugin.json) ist fehlerhaft.',
  },
  'sdk-incompatible': {
    en: 'The plugin does not fit this version of the CRM.',
    de: 'Das Plugin passt nicht zu dieser Version des CRM.',
  },
  'duplicate-plugin': {en: 'The plugin is loaded already.', de: 'Das Plugin ist bereits geladen.'},
  'tag-conflict': {
    en: 'The plugin clashes with another plugin on this page.',
    de: 'Das Plugin kollidiert mit einem anderen Plugin auf dieser Seite.',
  },
  'entry-fetch-failed': {
    en: 'The plugin’s code could not be downloaded.',
    de: 'Der Code des Plugins konnte nicht heruntergeladen werden.',
  },
  'integrity-unverifiable': {
    en: 'The plugin’s code cannot be verified on this connection.',
    de: 'Der Code des Plugins kann über diese Verbindung nicht geprüft werden.',
  },
  'integrity-mismatch': {
    en: 'The plugin’s code was changed and was not run.',
    de: 'Der Code des Plugins wurde verändert und nicht ausgeführt.',
  },
  'entry-import-failed': {
    en: 'The plugin’s code failed to start.',
    de: 'Der Code des Plugins ließ sich nicht starten.',
  },
  'no-custom-elements': {
    en: 'This browser cannot show the plugin.',
    de: 'Dieser Browser kann das Plugin nicht anzeigen.',
  },
  'element-not-defined': {en: 'The plugin is incomplete.', de: 'Das Plugin ist unvollständig.'},
  aborted: {
    en: 'Loading the plugin was cancelled.',
    de: 'Das Laden des Plugins wurde abgebrochen.',
  },
  'load-failed': {
    en: 'The plugin could not be loaded.',
    de: 'Das Plugin konnte nicht geladen werden.',
  },
} satisfies Record<string, LocalizedText>;

/** Why a plugin did not load. Each code names one step of `loadPlugin`. */
export type PluginLoadErrorCode = keyof typeof TEXTS;

/**
 * What a host may show a user (not a developer) when a plugin failed to load, per error code, in
 * English and German. The error's own `message` is for developers and logs.
 */
export const PLUGIN_LOAD_ERROR_TEXTS: Readonly<Record<PluginLoadErrorCode, LocalizedText>> = TEXTS;
