import type {PageLanguage} from './page-strings.js';

/** The id of the `<script type="application/json">` that hands the page its config. */
export const PAGE_CONFIG_ID = 'crmkit-page-config';

/** What the server tells a page script: which page, who is signed in, which language. */
export interface PageConfig {
  page: 'lead-list' | 'lead-detail' | 'admin';
  lang: PageLanguage;
  /** The demo user's bearer token, or null when nobody is signed in. */
  token: string | null;
  /** On `/leads/:id`: the lead id from the path. */
  leadId?: string;
}
