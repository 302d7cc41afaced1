import type {Plugin} from 'rollup';

export const PRIVATE_MEMBER: RegExp;
export function manglePrivateMembers(): Plugin;
