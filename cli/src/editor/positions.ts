import { findNodeAtLocation, type Node, parseTree } from 'jsonc-parser';

/** A 1-based line and column in a file. */
export interface Position {
  line: number;
  column: number;
}

/**
 * Maps JSON pointers into a file's text to line and column: the value a pointer names, its
 * property's key when it has one (so "is not allowed here" points at the key), or the nearest
 * enclosing value that exists (a missing required field points at the object that lacks it).
 * @example
 * const at = pointerPositions(text); at('/steps/0/with/title') // { line: 7, column: 9 }
 */
export function pointerPositions(text: string): (pointer: string) => Position {
  const root = parseTree(text, [], { allowTrailingComma: false, disallowComments: true });
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 0x0a) starts.push(i + 1);
  const toPosition = (offset: number): Position => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((starts[mid] ?? 0) <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - (starts[low] ?? 0) + 1 };
  };
  return (pointer) => {
    if (!root) return { line: 1, column: 1 };
    const path = segments(pointer);
    for (let length = path.length; length >= 0; length--) {
      const node = findNodeAtLocation(root, path.slice(0, length));
      if (node) return toPosition(keyOrValue(node).offset);
    }
    return toPosition(root.offset);
  };
}

function keyOrValue(node: Node): Node {
  return node.parent?.type === 'property' ? node.parent : node;
}

/** JSON pointer segments; digits become indexes, which jsonc-parser needs for arrays. */
function segments(pointer: string): (string | number)[] {
  if (pointer === '') return [];
  return pointer
    .split('/')
    .slice(1)
    .map((raw) => {
      const key = raw.replaceAll('~1', '/').replaceAll('~0', '~');
      return /^(0|[1-9][0-9]*)$/.test(key) ? Number(key) : key;
    });
}
