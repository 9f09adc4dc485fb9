import { requestContext } from './request-context';

describe('requestContext.withoutDeadline', () => {
  const context = { requestId: 'r-1', traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01', deadline: Date.now() - 1, passport: 'p' };

  it('drops only the deadline, keeping the request id and passport for the clean-up call', () => {
    const seen = requestContext.run(context, () => requestContext.withoutDeadline(() => requestContext.current()));
    expect(seen).toMatchObject({ requestId: 'r-1', passport: 'p' });
    expect(seen?.deadline).toBeUndefined();
  });

  it('leaves the caller’s context as it was', () => {
    requestContext.run(context, () => {
      requestContext.withoutDeadline(() => undefined);
      expect(requestContext.current()?.deadline).toBe(context.deadline);
    });
  });

  it('runs the function outside any request too', () => {
    expect(requestContext.withoutDeadline(() => 42)).toBe(42);
  });
});
