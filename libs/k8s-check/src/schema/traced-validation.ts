/**
 * The JSON schemas in kubernetes-models ignore fields they do not know, so a
 * misspelt `principles:` or `securityContxt:` passes. Their validators do read
 * every field they know, though. Running one over a proxy that records the
 * reads tells us which fields no schema looked at: those are the unknown ones.
 * An object the validator enumerates (labels, annotations, resource maps) is
 * a free-form map, and every key of it counts as known.
 */
export interface TracedValidation {
  /** JSON pointers of the fields the schema never read. */
  readonly unknownFields: string[];
  /** The schema's own error, when the object does not match it. */
  readonly schemaError?: string;
}

interface Visit {
  readonly path: string;
  readonly read: Set<string>;
}

export function validateTracingReads(model: object, validate: (this: object) => void): TracedValidation {
  const visits = new Map<object, Visit>();
  const enumerated = new Set<object>();

  const wrap = (value: unknown, path: string): unknown => {
    if (value === null || typeof value !== 'object') return value;
    const target = value as object;
    if (!visits.has(target)) visits.set(target, { path, read: new Set() });
    return new Proxy(target, {
      get(t, key, receiver) {
        const result: unknown = Reflect.get(t, key, receiver);
        if (typeof key !== 'string') return result;
        visits.get(t)?.read.add(key);
        return wrap(result, `${path}/${key}`);
      },
      has(t, key) {
        if (typeof key === 'string') visits.get(t)?.read.add(key);
        return Reflect.has(t, key);
      },
      ownKeys(t) {
        enumerated.add(t);
        return Reflect.ownKeys(t);
      },
    });
  };

  let schemaError: string | undefined;
  try {
    validate.call(wrap(model, '') as object);
  } catch (error) {
    schemaError = error instanceof Error ? error.message : String(error);
  }
  const unknownFields: string[] = [];
  for (const [object, visit] of visits) {
    if (Array.isArray(object) || enumerated.has(object)) continue;
    for (const key of Object.keys(object)) {
      if (!visit.read.has(key)) unknownFields.push(`${visit.path}/${key}`);
    }
  }
  return { unknownFields: unknownFields.sort(), schemaError };
}
