/**
 * Parser for Envoy's x-forwarded-client-cert header, which Istio sidecars set
 * on requests they forward to the app in mesh mode.
 *
 * Grammar (Envoy docs): elements separated by ',' ; each element is
 * `Key=Value` pairs separated by ';'. A value may be double-quoted, and
 * inside quotes ',', ';' and '=' are literal and '\"' is an escaped quote.
 */
export type XfccElement = ReadonlyMap<string, readonly string[]>;

export class XfccParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'XfccParseError';
  }
}

export function parseXfcc(header: string): XfccElement[] {
  const elements: XfccElement[] = [];
  let pairs = new Map<string, string[]>();
  let key = '';
  let value = '';
  let readingKey = true;
  let quoted = false;
  let wasQuoted = false;

  const endPair = () => {
    const name = key.trim();
    if (name === '' && value.trim() === '' && !wasQuoted) return;
    if (name === '' || readingKey) throw new XfccParseError(`pair without "=": "${key}"`);
    const list = pairs.get(name) ?? [];
    list.push(wasQuoted ? value : value.trim());
    pairs.set(name, list);
  };
  const resetPair = () => {
    key = '';
    value = '';
    readingKey = true;
    wasQuoted = false;
  };

  for (let i = 0; i < header.length; i++) {
    const ch = header[i];
    if (quoted) {
      if (ch === '\\' && header[i + 1] === '"') {
        value += '"';
        i++;
      } else if (ch === '"') {
        quoted = false;
      } else {
        value += ch;
      }
      continue;
    }
    if (readingKey) {
      if (ch === '=') readingKey = false;
      else if (ch === ';' || ch === ',') {
        if (key.trim() !== '') throw new XfccParseError(`pair without "=": "${key}"`);
        if (ch === ',') {
          elements.push(pairs);
          pairs = new Map();
        }
      } else key += ch;
      continue;
    }
    if (ch === '"' && value.trim() === '' && !wasQuoted) {
      quoted = true;
      wasQuoted = true;
      value = '';
    } else if (ch === ';') {
      endPair();
      resetPair();
    } else if (ch === ',') {
      endPair();
      resetPair();
      elements.push(pairs);
      pairs = new Map();
    } else if (wasQuoted) {
      if (ch.trim() !== '') throw new XfccParseError('text after a closing quote');
    } else {
      value += ch;
    }
  }
  if (quoted) throw new XfccParseError('unterminated quoted value');
  endPair();
  elements.push(pairs);
  return elements.filter((element) => element.size > 0);
}

/**
 * The caller as Envoy saw it: the URI of the LAST element (the hop closest to
 * this app; earlier elements were appended by proxies further away).
 */
export function callerUriFromXfcc(header: string): string | undefined {
  const elements = parseXfcc(header);
  const last = elements.at(-1);
  const uris = last?.get('URI');
  return uris && uris.length === 1 && uris[0] !== '' ? uris[0] : undefined;
}
