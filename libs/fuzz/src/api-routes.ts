/** One operation of the gateway's OpenAPI document, as the fuzzer needs it. */
export interface ApiRoute {
  readonly method: string;
  /** The path template, e.g. `/api/v1/orders/{id}`. */
  readonly path: string;
  /** Names of the body's properties, when the operation takes a JSON body. */
  readonly bodyFields: readonly string[];
  readonly queryNames: readonly string[];
}

interface OpenApiDocument {
  readonly paths: Record<string, Record<string, OpenApiOperation>>;
  readonly components?: { readonly schemas?: Record<string, { properties?: Record<string, unknown> }> };
}
interface OpenApiOperation {
  readonly parameters?: ReadonlyArray<{ name: string; in: string }>;
  readonly requestBody?: { content?: Record<string, { schema?: { $ref?: string } }> };
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/** Every operation in `/docs-json`, with the field names its body schema declares. */
export function routesOf(document: OpenApiDocument): ApiRoute[] {
  const schemas = document.components?.schemas ?? {};
  return Object.entries(document.paths).flatMap(([path, operations]) =>
    Object.entries(operations)
      .filter(([method]) => METHODS.includes(method))
      .map(([method, operation]) => {
        const ref = operation.requestBody?.content?.['application/json']?.schema?.$ref;
        const schema = ref ? schemas[ref.split('/').at(-1) as string] : undefined;
        return {
          method: method.toUpperCase(),
          path,
          bodyFields: Object.keys(schema?.properties ?? {}),
          queryNames: (operation.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
        };
      }),
  );
}
