import {EXIT, type Command} from '../cli-io.js';

// Replaced by the Assignment Manager issue's implementation.
export const rulesCommand: Command = async (_argv, io) => {
  io.stderr('crmkit rules: not implemented yet\n');
  return EXIT.usage;
};
