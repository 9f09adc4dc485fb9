import { Writable } from 'node:stream';
import { createLogger, type Logger } from './logger';
import { requestContext } from './request-context';

function capture(): { logger: Logger; lines: () => Array<Record<string, unknown>> } {
  const chunks: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  const logger = createLogger({ service: 'order', level: 'info', destination });
  const lines = () =>
    chunks
      .join('')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  return { logger, lines };
}

const PAN = '4242424242424242';

describe('createLogger lines', () => {
  it('writes JSON with the service and a level label', () => {
    const { logger, lines } = capture();
    logger.info('started');
    expect(lines()[0]).toMatchObject({ level: 'info', service: 'order', msg: 'started' });
  });
});

describe('createLogger redaction', () => {
  it('blanks secrets and card data by field name', () => {
    const { logger, lines } = capture();
    logger.info(
      {
        password: 'hunter2hunter2',
        card: { number: PAN, cvc: '123' },
        cardNumber: PAN,
        refreshToken: 'rt-secret',
        body: { password: 'nested-secret', cvc: '999' },
        req: { headers: { authorization: 'Bearer eyJ.secret', accept: 'application/json' } },
      },
      'request',
    );
    const line = lines()[0];
    expect(line).toMatchObject({
      password: '[redacted]',
      card: '[redacted]',
      cardNumber: '[redacted]',
      refreshToken: '[redacted]',
      body: { password: '[redacted]', cvc: '[redacted]' },
      req: { headers: { authorization: '[redacted]', accept: 'application/json' } },
    });
    const raw = JSON.stringify(line);
    for (const secret of ['hunter2', PAN, 'rt-secret', 'nested-secret', 'eyJ.secret']) expect(raw).not.toContain(secret);
  });

  it('masks a PAN inside a message string, interpolated or not', () => {
    const { logger, lines } = capture();
    logger.info(`charging ${PAN}`);
    logger.info('charging %s', '4242 4242 4242 4242');
    expect(lines().map((l) => l['msg'])).toEqual(['charging [card ****4242]', 'charging [card ****4242]']);
  });

  it('masks a PAN inside a logged error\'s message and stack', () => {
    const { logger, lines } = capture();
    logger.error({ err: new Error(`card ${PAN} rejected`) }, 'charge failed');
    const err = lines()[0]['err'] as { message: string; stack: string };
    expect(err.message).toBe('card [card ****4242] rejected');
    expect(err.stack).toContain('[card ****4242]');
    expect(JSON.stringify(lines())).not.toContain(PAN);
  });

  it('masks a PAN in the message pino takes from an error logged without one', () => {
    const { logger, lines } = capture();
    const error = new Error(`card ${PAN} rejected`);
    logger.error({ err: error });
    logger.error(error);
    expect(lines().map((l) => l['msg'])).toEqual(['card [card ****4242] rejected', 'card [card ****4242] rejected']);
    expect(JSON.stringify(lines())).not.toContain(PAN);
  });
});

describe('createLogger request context', () => {
  it('adds requestId, traceId, spanId, peer and userId to every line inside a request', () => {
    const { logger, lines } = capture();
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    requestContext.run(
      {
        requestId: 'req-12345678',
        traceparent: `00-${traceId}-00f067aa0ba902b7-01`,
        peer: 'spiffe://shop.local/ns/shop/sa/gateway',
        principal: { sub: 'user-1', roles: ['customer'], scope: [], jti: 'jti-1' },
      },
      () => {
        logger.info('one');
        logger.warn({ extra: 1 }, 'two');
      },
    );
    logger.info('outside');
    const [one, two, outside] = lines();
    for (const line of [one, two]) {
      expect(line).toMatchObject({
        requestId: 'req-12345678',
        traceId,
        spanId: '00f067aa0ba902b7',
        peer: 'spiffe://shop.local/ns/shop/sa/gateway',
        userId: 'user-1',
      });
    }
    expect(outside).not.toHaveProperty('requestId');
    expect(outside).not.toHaveProperty('traceId');
  });

  it('leaves out peer and userId before they are known', () => {
    const { logger, lines } = capture();
    requestContext.run({ requestId: 'req-12345678', traceparent: `00-${'a'.repeat(32)}-${'b'.repeat(16)}-01` }, () => logger.info('anonymous'));
    expect(lines()[0]).toMatchObject({ requestId: 'req-12345678', traceId: 'a'.repeat(32) });
    expect(lines()[0]).not.toHaveProperty('peer');
    expect(lines()[0]).not.toHaveProperty('userId');
  });
});
