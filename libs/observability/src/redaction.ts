/**
 * Field paths pino blanks out wherever they appear (one nesting level, which
 * covers request bodies, gRPC messages and headers as we log them).
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-passport"]',
  'req.headers["x-compensation-passport"]',
  'res.headers["set-cookie"]',
  'password',
  '*.password',
  'accessToken',
  '*.accessToken',
  'refreshToken',
  '*.refreshToken',
  'passport',
  '*.passport',
  'compensationPassport',
  '*.compensationPassport',
  'token',
  '*.token',
  'card',
  '*.card',
  'cardNumber',
  '*.cardNumber',
  'cvc',
  '*.cvc',
];

// 13-19 digits, optionally grouped by spaces or dashes: the PAN shapes of all major brands.
// Bounded repetition of a single character class: linear time, no catastrophic backtracking.
// eslint-disable-next-line security/detect-unsafe-regex -- bounded {12,18}, see above
const PAN = /\b(?:\d[ -]?){12,18}\d\b/g;

/**
 * Masks anything shaped like a card number inside free text, as a backstop for
 * messages that interpolate a value by mistake. Keeps the last four digits.
 */
export function maskCardNumbers(text: string): string {
  return text.replace(PAN, (match) => {
    const digits = match.replace(/\D/g, '');
    return digits.length >= 13 ? `[card ****${digits.slice(-4)}]` : match;
  });
}
