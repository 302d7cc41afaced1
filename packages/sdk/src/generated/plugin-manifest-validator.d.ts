// Types of the generated standalone validator (plugin-manifest-validator.js).
import type {SchemaError} from '../manifest/schema/schema-error.js';

export type {SchemaError};

/** Validates a value against PLUGIN_MANIFEST_SCHEMA; on failure, `validate.errors` holds every error. */
export declare const validate: ((data: unknown) => boolean) & {errors?: SchemaError[] | null};
export default validate;
