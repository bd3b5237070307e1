const SPECIAL: Record<string, number> = { NaN: NaN, Infinity: Infinity, "-Infinity": -Infinity };

/**
 * JSON.parse that also reads the bare NaN, Infinity and -Infinity that Python's json.dumps
 * prints, so such a result is refused as not finite rather than as text without JSON;
 * undefined when `text` is not JSON. Used for command objectives' stdout and protocol lines.
 */
export function parseResultJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    if (!/NaN|Infinity/.test(text)) return undefined;
    const marked = text.replace(/"(?:[^"\\]|\\.)*"|-?Infinity|NaN/g, (token) => (token.startsWith('"') ? token : `"\\u0000${token}"`));
    try {
      return JSON.parse(marked, (_key, value) => (typeof value === "string" && value.startsWith("\u0000") ? SPECIAL[value.slice(1)] : value));
    } catch {
      return undefined;
    }
  }
}
