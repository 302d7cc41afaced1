import {test} from 'node:test';
import assert from 'node:assert/strict';
import rulesetSchema from '@crmkit/assignment/schema/lead-assignment-ruleset.schema.json';
import {
  completionSchema,
  localizeSchema,
  schemaDescriptions,
  schemaValues,
} from './rules-schema.js';

type S = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const schema = completionSchema(rulesetSchema as S) as S;
const rule = schema.properties.rules.items;
const condition = rule.properties.conditions;

test('the completion schema has no references left: rules, events and conditions are inlined', () => {
  assert.doesNotMatch(JSON.stringify(schema), /"\$ref"|"\$defs"/);
  assert.deepEqual(Object.keys(rule.properties), ['name', 'description', 'conditions', 'event']);
  assert.deepEqual(rule.properties.event.properties.params.properties.to.enum, [
    'originalOwner',
    'originalOwnerManager',
    'ownerManager',
    'user',
  ]);
});

test('a rule’s root condition keeps the description of its own schema and the properties of the shared one', () => {
  assert.match(condition.description, /A rule’s root/);
  for (const key of ['all', 'any', 'not', 'condition', 'fact', 'operator', 'value', 'path']) {
    assert.ok(condition.properties[key], key);
  }
  // if/then and the `anyOf` of required keys constrain; the linter checks them, completion skips them.
  assert.equal(condition.allOf, undefined);
  assert.equal(rule.properties.event.properties.params.if, undefined);
});

test('nested conditions are inlined down to the depth limit, then accept anything', () => {
  const nested = condition.properties.all.items;
  assert.ok(nested.properties.operator, 'one level down');
  assert.equal(nested.properties.any.items.properties.not.properties.fact.enum.length, 4);
  // A DAG: every reference at one depth is one object, so the size does not grow by 3^depth.
  assert.equal(nested.properties.all.items, nested.properties.any.items);
  assert.equal(nested.properties.not, nested.properties.all.items);
  let deepest = condition as S;
  let levels = 0;
  while (deepest.properties?.not) {
    deepest = deepest.properties.not;
    levels++;
  }
  assert.ok(levels >= 3 && levels < 10, `${levels} levels`);
  assert.deepEqual(deepest, {});
  assert.ok(JSON.stringify(schema).length < 2_000_000);
});

test('the allowed values of a schema: enum, const, or its anyOf branches', () => {
  const operator = condition.properties.all.items.properties.operator;
  assert.deepEqual(schemaValues(operator)?.slice(0, 3), ['equal', 'notEqual', 'in']);
  assert.deepEqual(schemaValues({const: 'lead'}), ['lead']);
  assert.equal(schemaValues({type: 'string'}), undefined);
});

test('descriptions are translated by their English text; one without a translation stays', () => {
  const localized = localizeSchema(
    {description: 'a', properties: {x: {description: 'b'}, description: {type: 'string'}}},
    {a: 'A'},
  );
  assert.deepEqual(localized, {
    description: 'A',
    properties: {x: {description: 'b'}, description: {type: 'string'}},
  });
  assert.deepEqual(schemaDescriptions(localized).sort(), ['A', 'b']);
});
