import type {UserRecord} from '../../lead-facts.js';

/** Looks a user up by id; the checks of targets run only when the caller gave the users. */
export type FindUser = (id: string) => UserRecord | undefined;
