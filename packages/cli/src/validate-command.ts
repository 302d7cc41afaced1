import {EXIT, type Command} from './cli-io.js';

// Replaced by the SDK-core issue's implementation.
export const validateCommand: Command = async (_argv, io) => {
  io.stderr('crmkit validate: not implemented yet\n');
  return EXIT.usage;
};
