import type {LocalizedText} from '../contract/localize.js';

// The denial codes are the keys of this table (see plugin-load-error-texts.ts for why).
const TEXTS = {
  'permission-undeclared': {
    en: 'This plugin is not allowed to do that. Please tell your administrator.',
    de: 'Dieses Plugin darf das nicht. Bitte informieren Sie Ihren Administrator.',
  },
  'privilege-missing': {
    en: 'Your role does not allow this.',
    de: 'Ihre Rolle erlaubt das nicht.',
  },
} satisfies Record<string, LocalizedText>;

/**
 * Why a guarded call was refused. `permission-undeclared`: the manifest's `permissions` do not list
 * the privilege; `privilege-missing`: the signed-in user's role does not grant it.
 */
export type PermissionDenialCode = keyof typeof TEXTS;

/** What a host may show a user when a plugin's call was refused, per denial code, in English and German. */
export const PERMISSION_DENIED_TEXTS: Readonly<Record<PermissionDenialCode, LocalizedText>> = TEXTS;
