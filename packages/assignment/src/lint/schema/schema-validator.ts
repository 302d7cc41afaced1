import Ajv2020, {type ValidateFunction} from 'ajv/dist/2020.js';
import {RULESET_SCHEMA} from '../../ruleset-schema.js';

let validator: ValidateFunction | undefined;

/** The ruleset schema compiled once, on first use (`verbose` so that errors carry data and schemas). */
export function schemaValidator(): ValidateFunction {
  validator ??= new Ajv2020({
    allErrors: true,
    verbose: true,
    strict: true,
    strictRequired: false,
    strictTypes: false,
  }).compile(RULESET_SCHEMA);
  return validator;
}
