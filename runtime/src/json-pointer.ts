/** Appends segments to a JSON pointer (RFC 6901), escaping `~` and `/`. */
export function pointerJoin(base: string, ...segments: (string | number)[]): string {
  let out = base;
  for (const segment of segments) out += `/${String(segment).replaceAll('~', '~0').replaceAll('/', '~1')}`;
  return out;
}

/** True when `pointer` is `base` or lies inside it. */
export function pointerWithin(pointer: string, base: string): boolean {
  return pointer === base || pointer.startsWith(`${base}/`);
}
