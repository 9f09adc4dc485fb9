/** Raster types the guard recognises. SVG is left out on purpose: it can carry script. */
export type ImageType = 'image/png' | 'image/jpeg' | 'image/gif' | 'image/webp';

/** Bytes needed before a body can be judged. */
export const SIGNATURE_BYTES = 12;

const ascii = (text: string) => Buffer.from(text, 'latin1');

/** Magic numbers from each format's specification (PNG, JFIF/Exif, GIF87a/89a, RIFF WebP). */
const SIGNATURES: ReadonlyArray<{ type: ImageType; parts: ReadonlyArray<{ offset: number; bytes: Buffer }> }> = [
  { type: 'image/png', parts: [{ offset: 0, bytes: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) }] },
  { type: 'image/jpeg', parts: [{ offset: 0, bytes: Buffer.from([0xff, 0xd8, 0xff]) }] },
  { type: 'image/gif', parts: [{ offset: 0, bytes: ascii('GIF87a') }] },
  { type: 'image/gif', parts: [{ offset: 0, bytes: ascii('GIF89a') }] },
  {
    type: 'image/webp',
    parts: [
      { offset: 0, bytes: ascii('RIFF') },
      { offset: 8, bytes: ascii('WEBP') },
    ],
  },
];

/**
 * The image type the first bytes announce, if it is one of `allowed`. The
 * remote Content-Type header is never consulted: it is whatever the remote
 * server says, and a wrong one is how a stored HTML page becomes an "image".
 */
export function detectImageType(head: Buffer, allowed: readonly ImageType[]): ImageType | undefined {
  if (head.length < SIGNATURE_BYTES) return undefined;
  const match = SIGNATURES.find(({ parts }) =>
    parts.every(({ offset, bytes }) => head.length >= offset + bytes.length && head.subarray(offset, offset + bytes.length).equals(bytes)),
  );
  return match && allowed.includes(match.type) ? match.type : undefined;
}
