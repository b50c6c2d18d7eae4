import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import type { ApiProfile } from '../shared/transport';

export const WEWORKED_DEFAULT_BASE_URL = 'https://api.weworked.com';
/** The API overview's figure (stricter than the README's later "20 per second"). */
export const WEWORKED_REQUESTS_PER_FIVE_MINUTES = 200;

/** The WeWorked REST API v1 as the shared transport sees it: bare JSON, header auth, no paging. */
export const weWorkedProfile: ApiProfile = {
	name: 'WeWorked',
	credentialType: () => 'weWorkedApi',
	baseUrl(credentials: ICredentialDataDecryptedObject) {
		return String(credentials.baseUrl || WEWORKED_DEFAULT_BASE_URL).trim().replace(/\/+$/, '');
	},
	rateLimit(credentials: ICredentialDataDecryptedObject) {
		const requests = Number(credentials.requestsPerFiveMinutes) || WEWORKED_REQUESTS_PER_FIVE_MINUTES;
		return { requests, windowMs: 5 * 60_000 };
	},
	// No error body is documented: use a message if one is there, else the status line.
	describeError(body: unknown) {
		if (typeof body === 'object' && body !== null && typeof (body as { message?: unknown }).message === 'string') {
			return { message: (body as { message: string }).message, details: [] };
		}
		return { message: typeof body === 'string' && body ? body : undefined, details: [] };
	},
	// Bare JSON: every documented answer is an object or an array.
	rejectBody(body: unknown) {
		return typeof body === 'object' && body !== null ? undefined : 'the body is not a JSON object or array';
	},
};
