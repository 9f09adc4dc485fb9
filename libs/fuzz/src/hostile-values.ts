import fc from 'fast-check';

/** Values an honest client would send for the shop's field names: they carry the fuzz past the DTO into the services. */
const PLAUSIBLE: Record<string, fc.Arbitrary<unknown>> = {
  email: fc.oneof(fc.emailAddress(), fc.constant('alice@shop.local')),
  password: fc.string({ minLength: 8, maxLength: 40 }),
  displayName: fc.string({ minLength: 1, maxLength: 60 }),
  refreshToken: fc.oneof(fc.base64String({ minLength: 20, maxLength: 80 }), fc.uuid()),
  url: fc.oneof(fc.webUrl(), fc.constantFrom('http://127.0.0.1:1/x.png', 'file:///etc/passwd', 'gopher://x', 'http://[::1]/')),
  items: fc.array(fc.record({ productId: fc.oneof(fc.uuid(), fc.constant('6f1c8a52-0b8e-4c1e-9a51-000000000001')), quantity: fc.integer({ min: -5, max: 1_000_000 }) }), { maxLength: 5 }),
  payment: fc.record({
    cardNumber: fc.constantFrom('4242424242424242', '4000000000000002', '1234', ''),
    expMonth: fc.integer({ min: -1, max: 13 }),
    expYear: fc.integer({ min: 1990, max: 3000 }),
    cvc: fc.constantFrom('123', '1', 'abcd'),
  }),
};

/** Deep nesting of arrays and objects, past any sane bound. */
const deeplyNested = fc.tuple(fc.integer({ min: 20, max: 3_000 }), fc.boolean()).map(([depth, arrays]) => {
  let value: unknown = 1;
  for (let level = 0; level < depth; level++) value = arrays ? [value] : { a: value };
  return value;
});

/** Strings with what breaks parsers, databases and logs: controls, NUL, lone surrogates, bidi, huge lengths. */
const hostileString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom('\u0000', 'a\u0000b', '\ud800', '\udfff', '\u202e', '\u001b[2J', '\r\nSet-Cookie: x=1', "' OR 1=1 --", '{{7*7}}', '${jndi:x}', '../../etc/passwd', '\uffff', '\ufeff'),
  fc.integer({ min: 1_000, max: 20_000 }).map((n) => 'x'.repeat(n)),
);

/** Any JSON value, type-confused: numbers where strings go, objects where arrays go, huge and tiny numbers. */
const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  fc.jsonValue({ maxDepth: 4 }),
  fc.constantFrom(null, true, false, 0, -1, 1e308, -1e308, 2 ** 53 + 1, 0.1, [], {}),
  fc.double(),
  deeplyNested,
);

/** A body for an operation: its own fields filled with plausible or hostile values, sometimes with extra fields. */
export function bodyValue(fields: readonly string[]): fc.Arbitrary<unknown> {
  const fieldValue = (name: string) => (PLAUSIBLE[name] ? fc.oneof({ weight: 2, arbitrary: PLAUSIBLE[name] }, { weight: 1, arbitrary: anyValue }) : anyValue);
  const record = fc.record(Object.fromEntries(fields.map((name) => [name, fieldValue(name)])), { requiredKeys: [] });
  const withExtras = fc.tuple(record, fc.dictionary(fc.oneof(fc.string({ maxLength: 10 }), fc.constantFrom('__proto__', 'constructor', 'roles', 'ownerId', 'status')), anyValue, { maxKeys: 3 })).map(
    ([own, extra]) => ({ ...extra, ...own }),
  );
  return fc.oneof({ weight: 4, arbitrary: record }, { weight: 2, arbitrary: withExtras }, { weight: 1, arbitrary: anyValue });
}

/** Text for a path segment or query value, percent-encoded or deliberately not. */
export const urlPiece = fc.oneof(
  fc.uuid(),
  fc.string({ maxLength: 20 }).map(encodeURIComponent),
  fc.string({ unit: 'binary', maxLength: 10 }).map((s) => encodeURIComponent(s.replace(/[\ud800-\udfff]/g, 'x'))),
  fc.constantFrom('%00', '%ZZ', '%E0%A4%A', '..%2F..%2Fetc', '%2e%2e', 'abc', '-1', '1.5', '0', '999999999999999999999', '%0d%0aX:1', '[]', 'null', '%C0%AE'),
  fc.integer({ min: 500, max: 4_000 }).map((n) => 'a'.repeat(n)),
);
