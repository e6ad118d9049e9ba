/** A plain-text answer of a webhook route. */
export const textResponse = (status: number, body: string) =>
  new Response(body, { status, headers: { 'content-type': 'text/plain; charset=utf-8' } });

/** A stream's bytes, or null past `maxBytes` (read no further). */
export async function readCapped(
  stream: ReadableStream<Uint8Array> | null,
  maxBytes: number,
): Promise<Uint8Array | null> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (stream) {
    const reader = stream.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel().catch(() => {});
        return null;
      }
      chunks.push(value);
    }
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return bytes;
}

/**
 * A webhook's body as UTF-8 text, or the refusal: 413 past `maxBytes` (read no further, whatever
 * Content-Length claims), 400 when it is not UTF-8 or holds NUL (no character PostgreSQL stores in text).
 */
export async function readBody(request: Request, maxBytes: number): Promise<string | Response> {
  const tooLarge = () => textResponse(413, `Payload too large: at most ${Math.round(maxBytes / 1024)} KB`);
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > maxBytes) return tooLarge();
  const bytes = await readCapped(request.body, maxBytes);
  if (!bytes) return tooLarge();
  try {
    const body = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return body.includes('\0') ? textResponse(400, 'Bad request: NUL in the body') : body;
  } catch {
    return textResponse(400, 'Bad request: the body is not UTF-8');
  }
}
