/**
 * One pass over JSON text before it is parsed: how deep it nests (refused past a limit, so no parser or
 * validator recurses through 50,000 levels), and which field a character offset falls in (to name the
 * field holding invalid UTF-8). Linear in the text, no allocation per character. It does not validate the
 * grammar: JSON.parse does that afterwards.
 */

export interface JsonScan {
  /** Set when the nesting goes past `maxDepth`: the offset of the bracket that did, and the field path there. */
  tooDeep?: { offset: number; path: string };
  /** The dotted field path of the value (or key) holding `offset`, when asked. */
  pathAt?: string;
}

interface Frame {
  array: boolean;
  /** Array index, or the last key read in an object. */
  key: string | number;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;
const COMMA = 0x2c;

function pathOf(stack: Frame[], depth: number): string {
  let path = '';
  for (let i = 0; i < depth; i++) {
    const frame = stack[i] as Frame;
    if (frame.key === '') break;
    path += (path ? '.' : '') + String(frame.key);
  }
  return path;
}

export function scanJson(text: string, maxDepth: number, offset = -1): JsonScan {
  const stack: Frame[] = [];
  let depth = 0;
  /** In an object: the next string is a key (after `{` or `,`). */
  let expectKey = false;
  let pathAt: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      const start = i + 1;
      i = start;
      while (i < text.length && text.charCodeAt(i) !== QUOTE) i += text.charCodeAt(i) === BACKSLASH ? 2 : 1;
      const frame = stack[depth - 1];
      if (expectKey && frame && !frame.array) {
        frame.key = text.slice(start, i);
        expectKey = false;
      }
      if (offset >= start - 1 && offset <= i && pathAt === undefined) pathAt = pathOf(stack, depth);
      continue;
    }
    if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      if (depth >= maxDepth) return { tooDeep: { offset: i, path: pathOf(stack, depth) } };
      stack[depth] = { array: c === 0x5b, key: c === 0x5b ? 0 : '' };
      depth += 1;
      expectKey = c === 0x7b;
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      depth = Math.max(0, depth - 1);
      expectKey = false;
    } else if (c === COMMA) {
      const frame = stack[depth - 1];
      if (frame?.array) frame.key = (frame.key as number) + 1;
      else expectKey = true;
    } else if (c === COLON) {
      expectKey = false;
    }
    if (i === offset && pathAt === undefined) pathAt = pathOf(stack, depth);
  }
  return pathAt === undefined ? {} : { pathAt };
}
