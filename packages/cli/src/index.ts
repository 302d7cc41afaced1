export {main} from './main.js';
export {EXIT, processIo} from './cli-io.js';

export type {CliIo, Command} from './cli-io.js';
