import { status as GrpcStatus, type sendUnaryData, type ServerUnaryCall } from '@grpc/grpc-js';
import { isIP } from 'node:net';
import { ServerGrpc, type GrpcOptions } from '@nestjs/microservices';
import { METADATA_KEYS, ShopError } from '@shop/contracts';
import {
  NO_EXPORT_TRACER,
  acceptOrCreateRequestId,
  requestContext,
  type HopTracer,
  type Logger,
  type RequestContext,
  type ShopMetrics,
} from '@shop/observability';
import { workloadLabelOf } from '@shop/topology';
import { isObservable, lastValueFrom } from 'rxjs';
import { toGrpcError } from './grpc-errors';
import { rpcSpanAttributes } from './rpc-span-attributes';
import type { CallGuard, InboundCall } from './inbound-call';

export interface ShopGrpcServerOptions {
  readonly grpc: GrpcOptions['options'];
  /** Run in order on every call before the handler: identity, allow-list, passport... */
  readonly guards: readonly CallGuard[];
  readonly metrics: ShopMetrics;
  /** A server span per call, parent: the caller's traceparent; the no-export tracer when absent. */
  readonly tracer?: HopTracer;
  readonly logger: Logger;
  /** Calls beyond this many in flight are shed at once with RESOURCE_EXHAUSTED. */
  readonly maxConcurrentCalls: number;
}

/** Codes that are the server's fault; the others are the caller's and leave the span unset (OTel RPC conventions). */
const SERVER_FAULTS: ReadonlySet<GrpcStatus> = new Set([
  GrpcStatus.UNKNOWN,
  GrpcStatus.DEADLINE_EXCEEDED,
  GrpcStatus.UNIMPLEMENTED,
  GrpcStatus.INTERNAL,
  GrpcStatus.UNAVAILABLE,
  GrpcStatus.DATA_LOSS,
]);

/** A unary method as grpc-js calls it. */
export type UnaryPipeline = (call: ServerUnaryCall<unknown, unknown>, callback: sendUnaryData<unknown>) => Promise<void>;

type NestMethodHandler = (data: unknown, metadata: unknown, call: unknown) => Promise<unknown>;

/**
 * Only well-formed addresses are kept, so the relayed value cannot inject text
 * into log lines. Only authenticated workloads can send it (mTLS), and it
 * only ever lands in audit fields.
 */
function endUserIpOf(call: ServerUnaryCall<unknown, unknown>): string | undefined {
  const value = firstValue(call, METADATA_KEYS.endUserIp);
  return value && isIP(value) ? value : undefined;
}

function firstValue(call: ServerUnaryCall<unknown, unknown>, key: string): string | undefined {
  const value = call.metadata.get(key)[0];
  return typeof value === 'string' ? value : undefined;
}

function deadlineOf(call: ServerUnaryCall<unknown, unknown>): number | undefined {
  const deadline = call.getDeadline();
  const ms = deadline instanceof Date ? deadline.getTime() : deadline;
  return Number.isFinite(ms) ? ms : undefined;
}

/**
 * The NestJS gRPC transport with the platform's call pipeline in front of
 * every handler. One place decides, for every inbound call:
 *   server span and request context (for logs and outbound calls) ->
 *   concurrency cap -> guards (peer identity, allow-list, passport, in the
 *   order given) -> handler -> error mapping -> metrics and span end.
 * Running this below Nest's guard/interceptor machinery keeps the hot path
 * short: no per-call reflection, no rxjs pipelines for the checks.
 */
export class ShopGrpcServer extends ServerGrpc {
  private inflight = 0;
  /** RPC path -> the function Nest handed grpc-js for it: what the startup self-check calls in-process. */
  private readonly installed = new Map<string, UnaryPipeline>();

  constructor(private readonly shop: ShopGrpcServerOptions) {
    super(shop.grpc);
  }

  /** Fail closed: streaming calls would bypass the guards, so none may exist. */
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- signature of Nest's ServerGrpc
  override createServiceMethod(methodHandler: Function, protoNativeHandler: { requestStream?: boolean; responseStream?: boolean; path?: string }, streamType: unknown) {
    if (protoNativeHandler.requestStream || protoNativeHandler.responseStream) {
      throw new Error(`streaming RPC ${protoNativeHandler.path ?? ''} is not supported: the call guards only cover unary calls`);
    }
    const method = super.createServiceMethod(methodHandler, protoNativeHandler, streamType as never);
    if (protoNativeHandler.path) this.installed.set(protoNativeHandler.path, method as UnaryPipeline);
    return method;
  }

  /**
   * What grpc-js runs for `path`: this class's pipeline if Nest still calls
   * `createUnaryServiceMethod`, Nest's bare handler if an upgrade stopped doing
   * so (libs/platform/src/startup-self-check.ts tells the two apart).
   */
  installedPipeline(path: string): UnaryPipeline | undefined {
    return this.installed.get(path);
  }

  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- signature of Nest's ServerGrpc
  override createUnaryServiceMethod(methodHandler: Function) {
    const handler = methodHandler as NestMethodHandler;
    return async (call: ServerUnaryCall<unknown, unknown>, callback: sendUnaryData<unknown>) => {
      const path = call.getPath();
      const started = performance.now();
      const tracer = this.shop.tracer ?? NO_EXPORT_TRACER;
      const hop = tracer.serverHop({ name: path.slice(1), parent: firstValue(call, METADATA_KEYS.traceparent), attributes: tracer.exporting ? rpcSpanAttributes(path) : undefined });
      const context: RequestContext = {
        requestId: acceptOrCreateRequestId(firstValue(call, METADATA_KEYS.requestId)),
        traceparent: hop.traceparent,
        deadline: deadlineOf(call),
        clientIp: call.getPeer(),
        endUserIp: endUserIpOf(call),
        operation: path,
      };
      await requestContext.run(context, async () => {
        let code: GrpcStatus = GrpcStatus.OK;
        this.inflight++;
        this.shop.metrics.inflightRpcs.inc();
        try {
          if (this.inflight > this.shop.maxConcurrentCalls) throw new ShopError('REQUEST.RATE_LIMITED', 'server is at its concurrency limit');
          const inbound: InboundCall = { path, metadata: call.metadata, call, context };
          for (const guard of this.shop.guards) {
            const pending = guard.admit(inbound);
            if (pending) await pending;
          }
          const result = await handler(call.request, call.metadata, call);
          callback(null, isObservable(result) ? await lastValueFrom(result) : await result);
        } catch (error) {
          const payload = toGrpcError(error);
          code = payload.code;
          if (code === GrpcStatus.INTERNAL) this.shop.logger.error({ err: error, rpc: path }, 'rpc failed');
          else this.shop.logger.debug({ rpc: path, code: GrpcStatus[code], reason: payload.message }, 'rpc refused');
          callback(payload);
        } finally {
          this.inflight--;
          this.shop.metrics.inflightRpcs.dec();
          const caller = workloadLabelOf(context.peer);
          hop.end({ status: GrpcStatus[code], error: SERVER_FAULTS.has(code), attributes: { 'rpc.grpc.status_code': code, 'shop.caller': caller } });
          this.shop.metrics.rpcServerRequests.inc({ caller, rpc: path, code: GrpcStatus[code] });
          this.shop.metrics.rpcServerDuration.observe({ rpc: path }, (performance.now() - started) / 1000);
        }
      });
    };
  }
}
