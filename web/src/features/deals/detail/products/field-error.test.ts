import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../../api/client.ts';
import { fieldOfError, placeError } from './field-error.ts';

const FIELDS = ['description', 'amount', 'billing_date'] as const;

describe('the server refusal placed on its field', () => {
  it('finds the field a message names, as a whole word', () => {
    const e = new ApiError('Validation failed: amount: a percentage is at most 100', 400);
    expect(fieldOfError(e, FIELDS)).toBe('amount');
    expect(
      fieldOfError(new ApiError('Validation failed: body.billing_date: invalid date', 400), FIELDS),
    ).toBe('billing_date');
    // "id" is no field of the form: the message goes above the buttons
    const rule = new ApiError('Validation failed: id: installments need at least one one-time product', 400);
    expect(fieldOfError(rule, FIELDS)).toBeNull();
    expect(fieldOfError(new ApiError('Validation failed: amounts: x', 400), FIELDS)).toBeNull();
  });

  it('answers the field its message and the form the rest', () => {
    const on = placeError(new ApiError('Validation failed: amount: too big', 400), FIELDS);
    expect([on.on('amount'), on.on('description'), on.form]).toEqual([
      'Validation failed: amount: too big',
      undefined,
      null,
    ]);
    const rule = new ApiError('Validation failed: id: not allowed', 400);
    expect(placeError(rule, FIELDS).form).toBe(rule);
    expect(placeError(null, FIELDS)).toMatchObject({ form: null });
  });
});
