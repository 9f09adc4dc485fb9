import { detectImageType, type ImageType } from './image-signature';

const ALL: readonly ImageType[] = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'];
const padded = (head: number[] | string) => Buffer.concat([Buffer.from(head as never), Buffer.alloc(16)]);

describe('detectImageType', () => {
  it.each([
    [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'image/png'],
    [[0xff, 0xd8, 0xff, 0xe0], 'image/jpeg'],
    ['GIF87a', 'image/gif'],
    ['GIF89a', 'image/gif'],
    ['RIFF\u0000\u0000\u0000\u0000WEBPVP8 ', 'image/webp'],
  ])('recognises %j as %s', (head, type) => {
    expect(detectImageType(padded(head), ALL)).toBe(type);
  });

  it.each([
    ['<svg xmlns="http://www.w3.org/2000/svg">'],
    ['<!doctype html><script>'],
    ['RIFF\u0000\u0000\u0000\u0000WAVEfmt '],
    ['%PDF-1.7 lorem ipsum'],
    ['\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000'],
  ])('refuses %j', (head) => {
    expect(detectImageType(Buffer.from(head), ALL)).toBeUndefined();
  });

  it('refuses a type outside the allowlist and a body too short to judge', () => {
    expect(detectImageType(padded('GIF89a'), ['image/png'])).toBeUndefined();
    expect(detectImageType(Buffer.from([0xff, 0xd8, 0xff]), ALL)).toBeUndefined();
  });
});
