import type {LocalizedText} from './localize.js';
import type {PermissionDenial} from './permission-denied-error.js';
import type {PluginLoadErrorCode} from './plugin-load-error.js';

/**
 * What a host may show a user (not a developer) when a plugin failed to load, per error code, in
 * English and German. The error's own `message` is for developers and logs.
 */
export const PLUGIN_LOAD_ERROR_TEXTS: Readonly<Record<PluginLoadErrorCode, LocalizedText>> = {
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
};

/** What a host may show a user when a plugin's call was refused, per denial code, in English and German. */
export const PERMISSION_DENIED_TEXTS: Readonly<Record<PermissionDenial['code'], LocalizedText>> = {
  'permission-undeclared': {
    en: 'This plugin is not allowed to do that. Please tell your administrator.',
    de: 'Dieses Plugin darf das nicht. Bitte informieren Sie Ihren Administrator.',
  },
  'privilege-missing': {
    en: 'Your role does not allow this.',
    de: 'Ihre Rolle erlaubt das nicht.',
  },
};
