import { createHmac, timingSafeEqual } from 'crypto';

export type SignatureScheme = 'none' | 'token' | 'hmacSha256';

const bytes = (data: Buffer) => new Uint8Array(data.buffer, data.byteOffset, data.byteLength);

function safeEqual(expected: string, actual: string): boolean {
	const a = bytes(Buffer.from(expected));
	const b = bytes(Buffer.from(actual));
	return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Checks a delivery against the secret the provider gave us when the webhook was registered.
 * `token`: the header carries the secret itself. `hmacSha256`: the header carries the hex (or
 * `sha256=`-prefixed hex) HMAC-SHA256 of the raw body keyed with the secret. Compared in constant time.
 */
export function verifySignature(
	scheme: SignatureScheme,
	secret: string | undefined,
	headerValue: string | undefined,
	rawBody: Buffer,
): { valid: boolean; reason?: string } {
	if (scheme === 'none') return { valid: true };
	if (!secret) return { valid: false, reason: 'no webhook token is stored for this trigger; re-activate the workflow' };
	if (!headerValue) return { valid: false, reason: 'the signature header is missing' };
	if (scheme === 'token') {
		return safeEqual(secret, headerValue.trim()) ? { valid: true } : { valid: false, reason: 'the token does not match' };
	}
	const expected = createHmac('sha256', secret).update(bytes(rawBody)).digest('hex');
	const actual = headerValue.trim().replace(/^sha256=/i, '').toLowerCase();
	return safeEqual(expected, actual) ? { valid: true } : { valid: false, reason: 'the HMAC signature does not match' };
}
