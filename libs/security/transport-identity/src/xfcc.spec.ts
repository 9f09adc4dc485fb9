import { XfccParseError, callerUriFromXfcc, parseXfcc } from './xfcc';

const ORDER = 'spiffe://cluster.local/ns/shop/sa/order';
const PAYMENT = 'spiffe://cluster.local/ns/shop/sa/payment';
const GATEWAY = 'spiffe://cluster.local/ns/shop/sa/gateway';

describe('parseXfcc', () => {
  it('reads one element into key -> values', () => {
    const [element, ...rest] = parseXfcc(`By=${PAYMENT};Hash=abc;URI=${ORDER}`);
    expect(rest).toEqual([]);
    expect(element.get('By')).toEqual([PAYMENT]);
    expect(element.get('Hash')).toEqual(['abc']);
    expect(element.get('URI')).toEqual([ORDER]);
  });

  it('splits elements on "," outside quotes', () => {
    const elements = parseXfcc(`URI=${GATEWAY},URI=${ORDER}`);
    expect(elements.map((e) => e.get('URI'))).toEqual([[GATEWAY], [ORDER]]);
  });

  it('keeps ",", ";" and "=" inside quoted values literal and unescapes \\"', () => {
    const [element, ...rest] = parseXfcc(`Subject="CN=a,O=b;c=\\"quoted\\"";URI=${ORDER}`);
    expect(rest).toEqual([]);
    expect(element.get('Subject')).toEqual(['CN=a,O=b;c="quoted"']);
    expect(element.get('URI')).toEqual([ORDER]);
  });

  it('collects a repeated key as several values', () => {
    const [element] = parseXfcc(`URI=${ORDER};URI=${PAYMENT}`);
    expect(element.get('URI')).toEqual([ORDER, PAYMENT]);
  });
});

describe('parseXfcc on malformed input', () => {
  it.each([
    ['an unterminated quote', `Subject="CN=x;URI=${ORDER}`],
    ['a pair without "=" in the middle', `By=${PAYMENT};Hash;URI=${ORDER}`],
    ['a pair without "=" at the end', `URI=${ORDER};Hash`],
    ['a bare word before ","', `garbage,URI=${ORDER}`],
    ['text after a closing quote', `Subject="CN=x"trailing;URI=${ORDER}`],
    ['an empty key', `=value;URI=${ORDER}`],
  ])('throws XfccParseError on %s', (_case, header) => {
    expect(() => parseXfcc(header)).toThrow(XfccParseError);
  });

  it('parses the well-formed counterpart of each of those', () => {
    expect(() => parseXfcc(`Subject="CN=x";URI=${ORDER}`)).not.toThrow();
    expect(() => parseXfcc(`By=${PAYMENT};Hash=h;URI=${ORDER}`)).not.toThrow();
    expect(() => parseXfcc(`key=value;URI=${ORDER}`)).not.toThrow();
  });
});

describe('callerUriFromXfcc', () => {
  it('returns the URI of a single element', () => {
    expect(callerUriFromXfcc(`URI=${ORDER}`)).toBe(ORDER);
  });

  it('returns the URI of the LAST element, the hop closest to this app', () => {
    expect(callerUriFromXfcc(`By=${ORDER};URI=${GATEWAY},By=${PAYMENT};URI=${ORDER}`)).toBe(ORDER);
    expect(callerUriFromXfcc(`By=${PAYMENT};URI=${ORDER},By=${ORDER};URI=${GATEWAY}`)).toBe(GATEWAY);
  });

  it('reads a real Envoy header with a quoted Subject', () => {
    const header = `By=${PAYMENT};Hash=abc;Subject="CN=x,O=y";URI=${ORDER}`;
    expect(callerUriFromXfcc(header)).toBe(ORDER);
  });

  it('names nobody when the last element carries two URIs', () => {
    expect(callerUriFromXfcc(`By=${PAYMENT};URI=${ORDER}`)).toBe(ORDER);
    expect(callerUriFromXfcc(`By=${PAYMENT};URI=${ORDER};URI=${GATEWAY}`)).toBeUndefined();
  });

  it('names nobody when the last element has no URI, even if an earlier one has', () => {
    expect(callerUriFromXfcc(`By=${PAYMENT};Hash=abc`)).toBeUndefined();
    expect(callerUriFromXfcc(`URI=${GATEWAY},By=${PAYMENT};Hash=abc`)).toBeUndefined();
  });

  it('names nobody for an empty URI value', () => {
    expect(callerUriFromXfcc(`By=${PAYMENT};URI=`)).toBeUndefined();
    expect(callerUriFromXfcc(`By=${PAYMENT};URI=""`)).toBeUndefined();
  });

  it('throws XfccParseError rather than guessing on malformed headers', () => {
    expect(() => callerUriFromXfcc(`URI=${ORDER};Subject="CN=x`)).toThrow(XfccParseError);
    expect(() => callerUriFromXfcc(`Hash;URI=${ORDER}`)).toThrow(XfccParseError);
  });
});
