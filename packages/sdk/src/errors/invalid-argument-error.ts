import {CrmkitError} from './crmkit-error.js';

/** A plugin passed a malformed argument to a context method; nothing was sent to the host. */
export class InvalidArgumentError extends CrmkitError {
  /** The method and argument, e.g. `rejectLead(input.reassignOwner)`. */
  readonly argument: string;

  constructor(argument: string, problem: string) {
    super('invalid-argument', `${argument} ${problem}.`);
    this.argument = argument;
  }
}
