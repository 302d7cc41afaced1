// The dev host's pages (`@crmkit/dev-host/pages`): what `npm start` serves besides the REST API, and
// what the end-to-end tests start the dev host with.
export {
  buildPages,
  DEFAULT_PAGES_OUT_DIR,
  PAGE_SCRIPTS,
  SHARED_IMPORT_PLUGINS,
} from './build-pages.js';
export {createPageHandler} from './create-page-handler.js';
export {PAGE_STRINGS, translator} from './page-strings.js';
export {resolvePageSession, SESSION_COOKIES} from './resolve-page-session.js';

export type {BuildPagesOptions, PagesBuild, PageScript} from './build-pages.js';
export type {PageHandlerOptions, PageRequestHandler} from './create-page-handler.js';
export type {PageConfig} from './page-config.js';
export type {PageLanguage, PageStringKey, Translate} from './page-strings.js';
export type {PageSession} from './resolve-page-session.js';
