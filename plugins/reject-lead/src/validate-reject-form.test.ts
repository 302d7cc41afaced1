import {test} from 'node:test';
import assert from 'node:assert/strict';
import {MAX_REJECT_REASON_LENGTH as SDK_MAX, OTHER_REJECT_CODE as SDK_OTHER} from '@crmkit/sdk';
import type {RejectCodeOption} from '@crmkit/sdk';
import {STRINGS_DE, STRINGS_EN} from './strings.js';
import {
  MAX_REJECT_REASON_LENGTH,
  OTHER_REJECT_CODE,
  reasonRequiredFor,
  validateRejectForm,
} from './validate-reject-form.js';

const codes: RejectCodeOption[] = [
  {key: 'DUPLICATE', label: 'Duplicate', active: true},
  {key: 'OTHER', label: 'Something else', active: true},
];

test('the plugin keeps the same OTHER key and reason limit as @crmkit/sdk', () => {
  assert.equal(OTHER_REJECT_CODE, SDK_OTHER);
  assert.equal(MAX_REJECT_REASON_LENGTH, SDK_MAX);
});

test('a reject code is required', () => {
  assert.deepEqual(validateRejectForm({rejectCode: '', rejectReason: 'x'}, codes, STRINGS_EN), {
    rejectCode: 'Choose a reject code.',
  });
  assert.deepEqual(
    validateRejectForm({rejectCode: 'DUPLICATE', rejectReason: ''}, codes, STRINGS_EN),
    {},
  );
});

test('OTHER requires a reason after trimming, named by its current label', () => {
  assert.equal(reasonRequiredFor('OTHER'), true);
  assert.equal(reasonRequiredFor('DUPLICATE'), false);
  assert.equal(reasonRequiredFor('other'), false);
  assert.deepEqual(
    validateRejectForm({rejectCode: 'OTHER', rejectReason: ' \n\t'}, codes, STRINGS_DE),
    {
      rejectReason: 'Geben Sie einen Grund ein: Code „Something else“ erfordert ihn.',
    },
  );
  assert.deepEqual(
    validateRejectForm({rejectCode: 'OTHER', rejectReason: ' ok '}, codes, STRINGS_EN),
    {},
  );
});

test('a reason over 2000 characters after trimming is refused; 2000 and padding are fine', () => {
  const errors = validateRejectForm(
    {rejectCode: 'DUPLICATE', rejectReason: 'y'.repeat(2001)},
    codes,
    STRINGS_EN,
  );
  assert.equal(errors.rejectReason, 'Shorten the reason to 2000 characters (now 2001).');
  assert.deepEqual(
    validateRejectForm(
      {rejectCode: 'DUPLICATE', rejectReason: ` ${'y'.repeat(2000)}  `},
      codes,
      STRINGS_EN,
    ),
    {},
  );
});

test('every invalid field is reported at once, in form order', () => {
  const errors = validateRejectForm(
    {rejectCode: '', rejectReason: 'z'.repeat(2500)},
    codes,
    STRINGS_EN,
  );
  assert.deepEqual(Object.keys(errors), ['rejectCode', 'rejectReason']);
});
