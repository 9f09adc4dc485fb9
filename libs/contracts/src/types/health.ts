/** Mirrors grpc.health.v1 (enums are loaded as strings). */
export interface HealthServiceMethods {
  Check: {
    request: { service: string };
    response: { status: 'UNKNOWN' | 'SERVING' | 'NOT_SERVING' | 'SERVICE_UNKNOWN' };
  };
}
