import {test} from 'node:test';
import assert from 'node:assert/strict';
import {didYouMean} from './did-you-mean.js';
import {editDistance} from './edit-distance.js';

test('editDistance counts insertions, deletions and substitutions', () => {
  assert.equal(editDistance('', 'abc'), 3);
  assert.equal(editDistance('kitten', 'sitting'), 3);
  assert.equal(editDistance('same', 'same'), 0);
});

test('didYouMean suggests a near miss and nothing for an unrelated word', () => {
  const fields = ['permissions', 'elements', 'actions', 'entry'];
  assert.equal(didYouMean('permisions', fields), 'permissions');
  assert.equal(didYouMean('Elements', fields), 'elements');
  assert.equal(didYouMean('colour', fields), undefined);
  assert.equal(didYouMean('x', []), undefined);
});

test('the first of equally close candidates wins', () => {
  assert.equal(didYouMean('cat', ['bat', 'hat']), 'bat');
});

test('maxDistance changes how far a typo may be', () => {
  const loose = {maxDistance: (input: string) => Math.max(2, Math.floor(input.length / 3))};
  assert.equal(didYouMean('eq', ['equal']), undefined);
  assert.equal(didYouMean('lad', ['lead', 'owner']), 'lead');
  assert.equal(didYouMean('ld', ['lead']), undefined);
  assert.equal(didYouMean('ld', ['lead'], loose), 'lead');
});
