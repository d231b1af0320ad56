/**
 * The value at a dot-separated path in a parsed JSON body: `data.items`, `results.0.id`. An empty
 * path is the body itself.
 * @example
 * valueAt({ data: { items: [1] } }, 'data.items') // [1]
 */
export function valueAt(value: unknown, path: string | undefined): unknown {
  if (!path) return value;
  let current = value;
  for (const segment of path.split('.')) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = Reflect.get(current, segment);
  }
  return current;
}
