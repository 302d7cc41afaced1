export {PRIVILEGES, isPrivilege} from './privileges.js';
export type {Privilege} from './privileges.js';
