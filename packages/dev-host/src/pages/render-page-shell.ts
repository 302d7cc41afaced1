import {DEMO_ROLES, DEMO_USERS} from '@crmkit/host-core';
import {escapeHtml, jsonForScript} from './escape-html.js';
import {PAGE_CONFIG_ID, type PageConfig} from './page-config.js';
import {roleLabel, translator, type PageStringKey} from './page-strings.js';

/** The `<title>`/first heading of each page before its script fills in more. */
const PAGE_TITLES: Record<PageConfig['page'], PageStringKey> = {
  'lead-list': 'leadsTitle',
  'lead-detail': 'leadDetail',
  admin: 'adminTitle',
};

/** Names of the languages, each in itself (what a language switch shows). */
const LANGUAGE_NAMES = {de: 'Deutsch', en: 'English'} as const;

export interface PageShellInput {
  config: PageConfig;
  /** The request URL: its other query parameters survive a user or language switch. */
  url: URL;
  importMap: Record<string, string>;
}

/**
 * The HTML of a page: landmarks (header with the navigation and the user/language switch, main), the
 * import map for the shared modules, the page's config as JSON and its script. The switch is a plain GET
 * form (`?as=…&lang=…`), so it works with the keyboard and without the script; the script fills `<main>`.
 */
export function renderPageShell({config, url, importMap}: PageShellInput): string {
  const t = translator(config.lang);
  const title = t(PAGE_TITLES[config.page]);
  const users = DEMO_USERS.filter((u) => u.token !== null);
  const current = users.find((u) => u.id === config.userId);
  const userOptions = [
    option('', t('noUser'), current === undefined),
    ...users.map((u) =>
      option(
        u.token ?? '',
        `${u.name} · ${roleLabel(t, DEMO_ROLES.find((r) => r.id === u.roleId)?.name.en ?? u.roleId)}`,
        u === current,
      ),
    ),
  ].join('');
  const langOptions = (['de', 'en'] as const)
    .map(
      (lang) =>
        `<option value="${lang}" lang="${lang}"${lang === config.lang ? ' selected' : ''}>${LANGUAGE_NAMES[lang]}</option>`,
    )
    .join('');
  const kept = [...url.searchParams]
    .filter(([name]) => name !== 'as' && name !== 'lang')
    .map(
      ([name, value]) =>
        `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`,
    )
    .join('');
  const nav = (
    [
      ['/', 'navLeads', config.page !== 'admin'],
      ['/admin', 'navAdmin', config.page === 'admin'],
    ] as const
  )
    .map(
      ([href, key, current]) =>
        `<li><a href="${href}"${current ? ' aria-current="page"' : ''}>${escapeHtml(t(key))}</a></li>`,
    )
    .join('');

  return `<!doctype html>
<html lang="${config.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · ${escapeHtml(t('appName'))}</title>
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/pages.css">
<script type="importmap">${jsonForScript({imports: importMap})}</script>
<script type="application/json" id="${PAGE_CONFIG_ID}">${jsonForScript(config)}</script>
<script type="module" src="/assets/${config.page}.js"></script>
</head>
<body>
<a class="skip-link" href="#main">${escapeHtml(t('skipToContent'))}</a>
<header class="app-header">
<p class="app-name"><a href="/">${escapeHtml(t('appName'))}</a></p>
<nav aria-label="${escapeHtml(t('navLabel'))}"><ul>${nav}</ul></nav>
<form class="session" method="get" aria-label="${escapeHtml(t('sessionLabel'))}">${kept}
<label for="session-as">${escapeHtml(t('user'))}</label>
<select id="session-as" name="as">${userOptions}</select>
<label for="session-lang">${escapeHtml(t('language'))}</label>
<select id="session-lang" name="lang">${langOptions}</select>
<button type="submit">${escapeHtml(t('switchSession'))}</button>
</form>${
    // Every sign-in of the dev host is a demo one (a user picked, no password): the page says so
    // wherever someone is signed in, so a shared ?as= link is not mistaken for a real session.
    current
      ? `\n<p class="demo-sign-in" role="note">${escapeHtml(t('demoSignIn', {name: current.name}))}</p>`
      : ''
  }
</header>
<main id="main" tabindex="-1">
<h1>${escapeHtml(title)}</h1>
<p role="status">${escapeHtml(t('loading'))}</p>
</main>
</body>
</html>
`;
}

function option(value: string, label: string, selected: boolean): string {
  return `<option value="${escapeHtml(value)}"${selected ? ' selected' : ''}>${escapeHtml(label)}</option>`;
}
