/** `text` with every occurrence of `secret` replaced by "[redacted]" (no-op without a secret). */
export function redact(text: string, secret: string | undefined): string {
  if (!secret) return text;
  return text.split(secret).join("[redacted]");
}
