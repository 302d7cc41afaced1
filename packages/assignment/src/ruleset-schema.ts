import {FACT_NAMES} from './lead-facts.js';
import {DECORATOR_NAMES, OPERATOR_NAMES} from './operators.js';
import {TARGET_KINDS} from './ruleset.js';

/** The `$id` of the ruleset schema. */
export const RULESET_SCHEMA_ID = 'https://crmkit.dev/schema/lead-assignment-ruleset.schema.json';

const decorated = `^(?:(?:${DECORATOR_NAMES.join('|')}):)+(?:${OPERATOR_NAMES.join('|')})$`;
const booleanKeys = ['all', 'any', 'not', 'condition'];
const common = {
  priority: {
    type: 'integer',
    minimum: 1,
    description:
      'Evaluation priority among sibling conditions (higher first); it changes the order, never the result.',
  },
  name: {type: 'string', description: 'A label for this condition, shown in traces.'},
};

/**
 * The JSON Schema (draft 2020-12) of a lead-assignment ruleset. The source of truth is this object;
 * `packages/assignment/schema/lead-assignment-ruleset.schema.json` is written from it by
 * `packages/assignment/scripts/write-schema.ts` (a test fails when the file is out of date).
 */
export const RULESET_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: RULESET_SCHEMA_ID,
  title: 'crmkit lead-assignment ruleset',
  description:
    'Ordered json-rules-engine rules for the Assignment Manager: the first matching rule whose target resolves to an active user wins; the unassigned owner receives every other lead.',
  type: 'object',
  required: ['recordType', 'unassignedOwner', 'rules'],
  additionalProperties: false,
  properties: {
    $schema: {type: 'string'},
    recordType: {const: 'lead', description: 'The record type these rules assign.'},
    description: {type: 'string'},
    unassignedOwner: {
      type: 'string',
      minLength: 1,
      description: 'Id of the user who receives a lead that no rule assigns.',
    },
    sharedConditions: {
      type: 'object',
      description: 'Named conditions; a rule refers to one with {"condition": "<name>"}.',
      propertyNames: {minLength: 1},
      additionalProperties: {$ref: '#/$defs/topLevelCondition'},
    },
    rules: {
      type: 'array',
      description: 'Evaluated in array order; the first match wins.',
      items: {$ref: '#/$defs/rule'},
    },
  },
  $defs: {
    rule: {
      type: 'object',
      required: ['name', 'conditions', 'event'],
      additionalProperties: false,
      properties: {
        name: {type: 'string', minLength: 1, description: 'Unique name of the rule.'},
        description: {type: 'string'},
        conditions: {$ref: '#/$defs/topLevelCondition'},
        event: {$ref: '#/$defs/event'},
      },
    },
    event: {
      type: 'object',
      required: ['type', 'params'],
      additionalProperties: false,
      properties: {
        type: {const: 'assign'},
        params: {
          type: 'object',
          required: ['to'],
          additionalProperties: false,
          properties: {
            to: {
              enum: [...TARGET_KINDS],
              description:
                "originalOwner, originalOwnerManager (the original owner's manager), ownerManager (the current owner's manager) or user (userId).",
            },
            userId: {type: 'string', minLength: 1, description: 'The user, when `to` is `user`.'},
          },
          if: {properties: {to: {const: 'user'}}, required: ['to']},
          then: {required: ['userId']},
        },
      },
    },
    topLevelCondition: {
      description: 'A rule’s root: all, any, not, or a reference to a shared condition.',
      allOf: [{$ref: '#/$defs/condition'}, {anyOf: booleanKeys.map((k) => ({required: [k]}))}],
    },
    condition: {
      type: 'object',
      properties: {
        all: {type: 'array', items: {$ref: '#/$defs/condition'}},
        any: {type: 'array', items: {$ref: '#/$defs/condition'}},
        not: {$ref: '#/$defs/condition'},
        condition: {type: 'string', minLength: 1, description: 'Name of a shared condition.'},
        fact: {enum: [...FACT_NAMES], description: 'lead, owner, originalOwner or now.'},
        operator: {
          type: 'string',
          anyOf: [{enum: [...OPERATOR_NAMES]}, {pattern: decorated}],
          description: 'A json-rules-engine operator, optionally decorated (e.g. not:in).',
        },
        value: {
          description: 'The value to compare with, or a fact reference {"fact", "path"}.',
        },
        path: {
          type: 'string',
          pattern: '^\\$',
          description: 'JSONPath into the fact, e.g. $.region.',
        },
        params: {type: 'object'},
        ...common,
      },
      allOf: [
        ...booleanKeys.map((key) => ({
          if: {required: [key]},
          then: {propertyNames: {enum: [key, 'priority', 'name']}},
        })),
        {
          if: {not: {anyOf: booleanKeys.map((k) => ({required: [k]}))}},
          then: {
            required: ['fact', 'operator', 'value'],
            propertyNames: {
              enum: ['fact', 'operator', 'value', 'path', 'params', 'priority', 'name'],
            },
          },
        },
      ],
    },
  },
} as const;
