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

/** Document order: segment by segment, array indexes as numbers. */
export function comparePointers(a: string, b: string): number {
  const as = a.split('/');
  const bs = b.split('/');
  for (let i = 0; i < Math.min(as.length, bs.length); i++) {
    const x = as[i] ?? '';
    const y = bs[i] ?? '';
    if (x === y) continue;
    const nx = Number(x);
    const ny = Number(y);
    if (/^\d+$/.test(x) && /^\d+$/.test(y)) return nx - ny;
    return x < y ? -1 : 1;
  }
  return as.length - bs.length;
}
