import type { ArgumentsHost } from '@nestjs/common';
import { ShopError } from '@shop/contracts';
import pino from 'pino';
import { ProblemFilter } from './problem.filter';

/** Runs the filter on one exception and returns what the client would receive. */
function respond(exception: unknown): { status: number; type: string; body: Record<string, unknown> } {
  const sent = { status: 0, type: '', body: {} as Record<string, unknown> };
  const response = {
    headersSent: false,
    setHeader: () => response,
    status: (status: number) => ((sent.status = status), response),
    type: (type: string) => ((sent.type = type), response),
    send: (body: string) => ((sent.body = JSON.parse(body) as Record<string, unknown>), response),
  };
  const host = { switchToHttp: () => ({ getRequest: () => ({ originalUrl: '/api/v1/orders?x=1' }), getResponse: () => response }) } as unknown as ArgumentsHost;
  new ProblemFilter(pino({ level: 'silent' })).catch(exception, host);
  return sent;
}

describe('ProblemFilter', () => {
  it('gives the client a stable code and the message of a client-facing error', () => {
    const { status, type, body } = respond(new ShopError('REQUEST.VALIDATION_FAILED', 'orderId must be a UUID'));
    expect({ status, type }).toEqual({ status: 400, type: 'application/problem+json' });
    expect(body).toMatchObject({ code: 'REQUEST.VALIDATION_FAILED', detail: 'orderId must be a UUID', instance: '/api/v1/orders' });
  });

  it.each([
    ['PEER.DENIED', 'spiffe://shop.local/ns/shop/sa/inventory may not call Charge'],
    ['PASSPORT.INVALID', 'aud spiffe://shop.local/ns/shop/sa/order expected'],
    ['UPSTREAM.UNAVAILABLE', 'connect ECONNREFUSED 127.0.0.1:50053'],
    ['INTERNAL', 'relation "payment.payments" does not exist'],
  ] as const)('keeps the inside of the platform out of a %s problem', (code, message) => {
    const { body } = respond(new ShopError(code, message));
    expect(body['code']).toBe(code);
    expect(JSON.stringify(body)).not.toContain(message);
    expect(JSON.stringify(body)).not.toMatch(/spiffe:|127\.0\.0\.1|relation/);
  });

  it('turns an unknown exception into INTERNAL with no stack', () => {
    const { status, body } = respond(new TypeError('cannot read properties of undefined (reading "id")'));
    expect(status).toBe(500);
    expect(body['code']).toBe('INTERNAL');
    expect(JSON.stringify(body)).not.toMatch(/TypeError|reading|at /);
  });
});
