/** Reads a property of a value whose shape is not known (a parsed body, a connection value). */
export function field(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null ? Reflect.get(value, name) : undefined;
}

/** A non-blank string property, or `undefined`. */
export function textField(value: unknown, name: string): string | undefined {
  const found = field(value, name);
  return typeof found === 'string' && found.trim() ? found : undefined;
}
