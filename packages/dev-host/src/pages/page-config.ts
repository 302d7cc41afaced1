import type {PageLanguage} from './page-strings.js';

/** The id of the `<script type="application/json">` that hands the page its config. */
export const PAGE_CONFIG_ID = 'crmkit-page-config';

/** What the server tells a page script: which page, who is signed in, which language. */
export interface PageConfig {
  page: 'lead-list' | 'lead-detail' | 'admin';
  lang: PageLanguage;
  /**
   * The signed-in user's id, or null. No credential: the page signs in by the HttpOnly session
   * cookie, which no script reads.
   */
  userId: string | null;
  /** A `?as=` that named no demo user (to say so on the page). */
  unknownAs?: string;
  /** On `/leads/:id`: the lead id from the path. */
  leadId?: string;
}
