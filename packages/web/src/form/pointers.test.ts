import { describe, expect, it } from 'vitest';
import { schemaPathOf, valueAtPointer, valuesAt } from './pointers.js';

const data = {
  company: 'Acme',
  contacts: [
    { _id: 'c1', mobile: '1' },
    { _id: 'c2', mobile: '2' },
  ],
};

describe('pointers', () => {
  it('finds every value a schema path reaches, with value pointers by item _id', () => {
    expect(valuesAt(data, '/contacts/*/mobile')).toEqual([
      { pointer: '/contacts/c1/mobile', value: '1' },
      { pointer: '/contacts/c2/mobile', value: '2' },
    ]);
    expect(valuesAt(data, '/missing')).toEqual([]);
  });

  it('maps a value pointer back to its schema path and value', () => {
    expect(schemaPathOf(data, '/contacts/c2/mobile')).toBe('/contacts/*/mobile');
    expect(valueAtPointer(data, '/contacts/c2/mobile')).toBe('2');
  });
});
