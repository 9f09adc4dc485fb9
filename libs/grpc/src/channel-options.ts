import type { ChannelOptions } from '@grpc/grpc-js';
import type { Options } from '@grpc/proto-loader';
import { PROTO_ROOT } from '@shop/contracts';

/** Requests and responses here are small; anything larger is refused early. */
export const MAX_MESSAGE_BYTES = 1024 * 1024;

/**
 * Settings shared by clients and servers: bounded messages and metadata, and
 * keepalive pings so one long-lived HTTP/2 connection per peer survives idle
 * periods (no reconnects, so no repeated TLS handshakes).
 */
export const SHARED_CHANNEL_OPTIONS: ChannelOptions = {
  'grpc.max_receive_message_length': MAX_MESSAGE_BYTES,
  'grpc.max_send_message_length': MAX_MESSAGE_BYTES,
  'grpc.max_metadata_size': 16 * 1024,
  'grpc.keepalive_time_ms': 30_000,
  'grpc.keepalive_timeout_ms': 10_000,
  'grpc.keepalive_permit_without_calls': 1,
  'grpc.http2.min_ping_interval_without_data_ms': 10_000,
};

/** How every process loads the .proto files: camelCase fields, numbers, string enums. */
export const PROTO_LOADER_OPTIONS: Options & { includeDirs: string[] } = {
  includeDirs: [PROTO_ROOT],
  keepCase: false,
  longs: Number,
  enums: String,
  defaults: true,
  oneofs: true,
};
