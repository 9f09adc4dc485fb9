import { maskCardNumbers } from './redaction';

describe('maskCardNumbers', () => {
  it.each([
    ['4242424242424242', '4242'],
    ['4242 4242 4242 4242', '4242'],
    ['4242-4242-4242-4242', '4242'],
    ['378282246310005', '0005'],
    ['4222222222222', '2222'],
    ['6011 0009 9013 9424 123', '4123'],
  ])('masks the PAN %s and keeps its last four digits', (pan, last4) => {
    const masked = maskCardNumbers(`charge with ${pan} failed`);
    expect(masked).toBe(`charge with [card ****${last4}] failed`);
  });

  it('masks every PAN in a text', () => {
    expect(maskCardNumbers('a=4242424242424242, b=5555555555554444')).toBe('a=[card ****4242], b=[card ****4444]');
  });

  it.each([
    ['a short number', 'order 123456789012 has 3 items'],
    ['a phone number', 'call +49 30 1234567'],
    ['a UUID', 'order 550e8400-e29b-41d4-a716-446655440000'],
    ['a timestamp', '2024-01-31T12:00:00.000Z'],
    ['digits glued to letters', 'id4242424242424242'],
  ])('leaves %s alone', (_label, text) => {
    expect(maskCardNumbers(text)).toBe(text);
  });
});
