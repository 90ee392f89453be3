/** Small helpers for Baton's JSON endpoints: one error shape everywhere. */
import { json } from '@sveltejs/kit';

export function errorResponse(status: number, reason: string, message: string): Response {
  return json({ error: { reason, message } }, { status });
}

/**
 * Reads a JSON body of at most `maxBytes`. Returns the parsed value or an error response
 * (413 too-large, 400 invalid-json).
 */
export async function readJson(
  request: Request,
  maxBytes: number
): Promise<{ ok: true; value: unknown } | { ok: false; response: Response }> {
  const declared = Number(request.headers.get('content-length') ?? '0');
  const tooLarge = () => ({
    ok: false as const,
    response: errorResponse(413, 'too-large', `The body is over ${maxBytes} bytes.`)
  });
  if (declared > maxBytes) return tooLarge();
  let text: string;
  try {
    const buffer = await request.arrayBuffer();
    if (buffer.byteLength > maxBytes) return tooLarge();
    text = new TextDecoder('utf-8', { fatal: true }).decode(buffer);
  } catch {
    return {
      ok: false,
      response: errorResponse(400, 'invalid-json', 'The body is not UTF-8 text.')
    };
  }
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return {
      ok: false,
      response: errorResponse(400, 'invalid-json', 'The body is not valid JSON.')
    };
  }
}

/**
 * Whether the browser reached us over HTTPS, for the cookie's `Secure` flag. adapter-node
 * assumes https when no ORIGIN is set, so `url.protocol` alone would make cookies unusable on
 * a plain-http LAN address; a browser's own `Origin` header says what it actually used.
 */
export function isHttps(request: Request, url: URL): boolean {
  const origin = request.headers.get('origin');
  return (origin ?? url.origin).startsWith('https:');
}
