import {HostApiError, NetworkError, type CurrentUser} from '@crmkit/sdk';
import {createRestHostApi} from '@crmkit/rest-client';
import {html, render, type TemplateResult} from 'lit';
import {PAGE_CONFIG_ID, type PageConfig} from '../page-config.js';
import {translator, type Translate} from '../page-strings.js';

export interface StartedPage {
  config: PageConfig;
  t: Translate;
  main: HTMLElement;
  api: ReturnType<typeof createRestHostApi>;
  user: CurrentUser;
}

/** The page's config, as the server rendered it into the shell. */
export function readPageConfig(): PageConfig {
  const script = document.getElementById(PAGE_CONFIG_ID);
  if (!script?.textContent) throw new Error(`the page shell has no #${PAGE_CONFIG_ID} config`);
  return JSON.parse(script.textContent) as PageConfig;
}

/** Shows `content` in `<main>` (replacing the loading message). */
export function show(main: HTMLElement, content: TemplateResult): void {
  render(content, main);
}

/** A message for a failed call, in the page's language: the server's own `detail` when it sent one. */
export function describeError(t: Translate, error: unknown): string {
  if (error instanceof NetworkError) return t('networkError');
  if (error instanceof HostApiError) return error.detail ?? error.title;
  return t('loadFailed', {message: error instanceof Error ? error.message : String(error)});
}

/**
 * Common start of every page: reads the config and asks who is signed in (`GET /api/me` by the session cookie). Shows why in `<main>` and returns undefined when nobody is
 * signed in, the token is unknown, or the server cannot be reached.
 */
export async function startPage(title: string): Promise<StartedPage | undefined> {
  const config = readPageConfig();
  const t = translator(config.lang);
  const main = document.getElementById('main') as HTMLElement;
  // The shell rendered a first heading and a loading message; Lit takes <main> over from here.
  main.replaceChildren();
  const fail = (message: string, action?: TemplateResult) => {
    show(
      main,
      html`<h1>${title}</h1>
        <p class="message error" role="alert">${message}</p>
        ${action ?? ''}`,
    );
    return undefined;
  };
  if (config.userId === null) {
    if (config.unknownAs !== undefined) return fail(t('unknownToken', {token: config.unknownAs}));
    show(
      main,
      html`<h1>${title}</h1>
        <p class="message info">${t('chooseUser')}</p>`,
    );
    document.getElementById('session-as')?.focus();
    return undefined;
  }
  // Signed in by the HttpOnly session cookie: the page never holds a credential.
  const api = createRestHostApi({credentials: 'same-origin', locale: config.lang});
  try {
    const user = await api.getCurrentUser();
    return {config, t, main, api, user};
  } catch (error) {
    if (error instanceof HostApiError && error.status === 401) {
      return fail(t('chooseUser'));
    }
    return fail(
      describeError(t, error),
      html`<button type="button" @click=${() => location.reload()}>${t('reload')}</button>`,
    );
  }
}
