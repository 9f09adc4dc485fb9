import { generateKeyPair, jwtVerify, SignJWT } from 'jose';

export interface SignVerifyCost {
  /** Mean wall time per operation with 50 in flight (how the gateway and services run them). */
  readonly signUs: number;
  readonly verifyUs: number;
  /** CPU time per operation (includes libuv's crypto threads). */
  readonly signCpuUs: number;
  readonly verifyCpuUs: number;
}

async function measure(alg: 'ES256' | 'EdDSA', operations: number): Promise<SignVerifyCost> {
  const { privateKey, publicKey } = await generateKeyPair(alg);
  const sign = (i: number) =>
    new SignJWT({ roles: ['customer'], scope: 'orders:read orders:write', trace_id: 'a'.repeat(32) })
      .setProtectedHeader({ alg, typ: 'passport+jwt', kid: 'bench' })
      .setIssuer('spiffe://shop.local/ns/shop/sa/gateway')
      .setAudience('shop-internal')
      .setSubject('0b7e6f4e-9a57-4a43-9f5e-3f0f6b1a2c3d')
      .setJti(String(i))
      .setIssuedAt()
      .setExpirationTime('30s')
      .sign(privateKey);
  const token = await sign(0);
  const verify = () => jwtVerify(token, publicKey, { algorithms: [alg], issuer: 'spiffe://shop.local/ns/shop/sa/gateway', audience: 'shop-internal', typ: 'passport+jwt', maxTokenAge: '60s' });
  const run = async (op: (i: number) => Promise<unknown>) => {
    for (let i = 0; i < 200; i++) await op(i); // warm up
    const cpu = process.cpuUsage();
    const started = performance.now();
    for (let i = 0; i < operations; i += 50) await Promise.all(Array.from({ length: 50 }, (_, k) => op(i + k)));
    const used = process.cpuUsage(cpu);
    return { wall: ((performance.now() - started) * 1000) / operations, cpu: (used.user + used.system) / operations };
  };
  const signed = await run(sign);
  const verified = await run(verify);
  const round = (v: number) => Math.round(v * 10) / 10;
  return { signUs: round(signed.wall), verifyUs: round(verified.wall), signCpuUs: round(signed.cpu), verifyCpuUs: round(verified.cpu) };
}

/** The passport micro-benchmark that picked the algorithm (ES256 vs EdDSA, jose on this Node). */
export async function measurePassportCost(operations: number): Promise<Record<'ES256' | 'EdDSA', SignVerifyCost>> {
  return { ES256: await measure('ES256', operations), EdDSA: await measure('EdDSA', operations) };
}
