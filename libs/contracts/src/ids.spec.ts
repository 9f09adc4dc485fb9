import { isUuid } from './ids';

describe('isUuid', () => {
  it.each(['6f1c8a52-0b8e-4c1e-9a51-000000000001', '6F1C8A52-0B8E-4C1E-9A51-00000000000A'])('accepts %s', (id) => {
    expect(isUuid(id)).toBe(true);
  });

  it.each(['', 'not-a-uuid', '6f1c8a52-0b8e-4c1e-9a51-00000000000', '6f1c8a52-0b8e-4c1e-9a51-0000000000011', "6f1c8a52-0b8e-4c1e-9a51-000000000001' OR 1=1", 42, null, undefined])(
    'refuses %p',
    (value) => {
      expect(isUuid(value)).toBe(false);
    },
  );
});
