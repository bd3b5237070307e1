/**
 * Maps code-point offsets (Python string indices) to UTF-16 code-unit offsets (JavaScript
 * string indices). Returns null when `text` has no character outside the Basic Multilingual
 * Plane, in which case both are the same. Otherwise entry i is the UTF-16 offset of code
 * point i (entry `codePoints` is `text.length`).
 */
export function codePointToUtf16(text: string): Int32Array | null {
  if (!/[\uD800-\uDBFF][\uDC00-\uDFFF]/.test(text)) return null;
  const offsets: number[] = [];
  for (let i = 0; i < text.length; i++) {
    offsets.push(i);
    const code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
  }
  offsets.push(text.length);
  return Int32Array.from(offsets);
}
