/**
 * Identifiers made on any replica, online or offline. Random enough (128 bits) that two
 * agents creating tickets at the same moment never collide; `crypto.getRandomValues` works
 * in insecure contexts too, unlike `randomUUID`, so a phone on a LAN address can still make ids.
 */
const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';
const REF_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

function randomString(length: number, alphabet: string): string {
  const bytes = new Uint8Array(length);
  crypto.getRandomValues(bytes);
  let out = '';
  // 256 is not a multiple of the alphabet size; the bias is negligible for identifiers.
  for (const byte of bytes) out += alphabet[byte % alphabet.length];
  return out;
}

/** A 25-character id (about 129 bits). */
export function newId(): string {
  return randomString(25, ALPHABET);
}

/** A provisional ticket reference (`P-7KQ2MX`), shown until the server assigns `#number`. */
export function newProvisionalRef(): string {
  return `P-${randomString(6, REF_ALPHABET)}`;
}
