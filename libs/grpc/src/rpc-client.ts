import { Metadata, status as GrpcStatus } from '@grpc/grpc-js';
import type { ServiceError } from '@grpc/grpc-js';
import type { ClientGrpcProxy } from '@nestjs/microservices';
import { METADATA_KEYS, rpcPath, type GrpcPackageContract, type ServiceMethods } from '@shop/contracts';
import { continueTrace, requestContext, type ShopMetrics } from '@shop/observability';
import { firstValueFrom, type Observable } from 'rxjs';
import { fromGrpcError } from './grpc-errors';

/** Metadata a client adds to every call; transport modes add to it (see plaintext lab mode). */
export type MetadataDecorator = (metadata: Metadata) => void;

export interface RpcClientOptions {
  /** The service being called, for metrics. */
  readonly target: string;
  readonly contract: GrpcPackageContract;
  readonly proxy: ClientGrpcProxy;
  readonly metrics: ShopMetrics;
  /** Used when the inbound request carries no deadline of its own. */
  readonly defaultDeadlineMs: number;
  readonly decorateMetadata?: MetadataDecorator;
}

type Stub = Record<string, (request: unknown, metadata: Metadata, options: { deadline: number }) => Observable<unknown>>;

// Leave the callee a little time to answer before our own caller gives up.
const DEADLINE_MARGIN_MS = 5;

/**
 * A typed client for one downstream gRPC service. Every call:
 * - has a deadline: the inbound request's, or the default;
 * - carries x-request-id, traceparent and the passport unchanged;
 * - fails with a ShopError carrying the callee's stable code.
 * The underlying Nest ClientGrpcProxy keeps one HTTP/2 connection open.
 */
export class RpcClient<M extends ServiceMethods<M>> {
  private readonly stub: Stub;

  constructor(private readonly options: RpcClientOptions) {
    this.stub = options.proxy.getService<Stub>(options.contract.service);
  }

  /**
   * `deadlineMs` replaces the client's default for RPCs known to take longer
   * (an image import's fetch); `metadata` adds entries for this call only
   * (the compensation passport on PlaceOrder).
   */
  async call<K extends keyof M & string>(method: K, request: M[K]['request'], options: { deadlineMs?: number; metadata?: Record<string, string> } = {}): Promise<M[K]['response']> {
    const ctx = requestContext.current();
    const metadata = new Metadata();
    if (ctx) {
      metadata.set(METADATA_KEYS.requestId, ctx.requestId);
      metadata.set(METADATA_KEYS.traceparent, continueTrace(ctx.traceparent));
      if (ctx.passport) metadata.set(METADATA_KEYS.passport, ctx.passport);
      if (ctx.endUserIp) metadata.set(METADATA_KEYS.endUserIp, ctx.endUserIp);
    }
    for (const [key, value] of Object.entries(options.metadata ?? {})) metadata.set(key, value);
    this.options.decorateMetadata?.(metadata);
    const fallback = Date.now() + (options.deadlineMs ?? this.options.defaultDeadlineMs);
    const deadline = ctx?.deadline ? Math.min(ctx.deadline - DEADLINE_MARGIN_MS, fallback) : fallback;

    const path = rpcPath(this.options.contract, method);
    const started = performance.now();
    let code = 'OK';
    try {
      return (await firstValueFrom(this.stub[method](request, metadata, { deadline }))) as M[K]['response'];
    } catch (error) {
      code = GrpcStatus[(error as ServiceError).code] ?? 'UNKNOWN';
      throw fromGrpcError(error);
    } finally {
      const labels = { target: this.options.target, rpc: path };
      this.options.metrics.rpcClientRequests.inc({ ...labels, code });
      this.options.metrics.rpcClientDuration.observe(labels, (performance.now() - started) / 1000);
    }
  }
}
