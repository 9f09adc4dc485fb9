import type { Request } from 'express';

/** The matched route TEMPLATE (`/api/v1/orders/:id`), never the raw path, so ids stay out of labels and span names. */
export function routeTemplateOf(request: Request): string {
  return request.route?.path ? `${request.baseUrl}${String(request.route.path)}` : 'unmatched';
}
