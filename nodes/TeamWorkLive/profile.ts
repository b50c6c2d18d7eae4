import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import type { ApiProfile } from '../shared/transport';

/** The API overview's limit: 6,000 requests per hour per user (answered above it with 503 + Retry-After). */
export const TEAMWORKLIVE_REQUESTS_PER_HOUR = 6000;

/** One DNS label: what goes before `.teamworklive.com`. */
const DNS_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;

/** Shown on every 401: what the credential is made of, and the one documented way it goes stale. */
export const UNAUTHORIZED_HINT =
	"TeamWork Live refused the credential (HTTP 401). Check the credential's E-Mail (the address you sign in with) and API Key: the API key changes whenever that user's password changes, so after a password change paste the new key into the credential.";

/**
 * The API base URL: the credential's Base URL when set (trimmed, without trailing slashes), else the
 * account's own subdomain, https://{accountSubdomain}.teamworklive.com (the host is [inferred]: the web app
 * runs there; the API prefix is unknown, which is why Base URL exists).
 */
export function teamWorkLiveBaseUrl(credentials: ICredentialDataDecryptedObject): string {
	const baseUrl = String(credentials.baseUrl ?? '').trim().replace(/\/+$/, '');
	if (baseUrl) {
		let url: URL | undefined;
		try {
			url = new URL(baseUrl);
		} catch {
			url = undefined;
		}
		if (!url || !/^https?:$/.test(url.protocol)) {
			throw new Error(
				`The TeamWork Live credential's Base URL "${baseUrl}" is not an http(s) URL, e.g. https://acme.teamworklive.com`,
			);
		}
		return baseUrl;
	}
	let subdomain = String(credentials.accountSubdomain ?? '').trim().toLowerCase();
	// Forgiving about a pasted address: "https://acme.teamworklive.com/" means "acme".
	const pasted = /^(?:https?:\/\/)?([^/]+)\.teamworklive\.com\/?$/.exec(subdomain);
	if (pasted) subdomain = pasted[1];
	if (!subdomain) {
		throw new Error(
			'The TeamWork Live credential needs an Account Subdomain (acme for https://acme.teamworklive.com) or a Base URL',
		);
	}
	if (!DNS_LABEL.test(subdomain)) {
		throw new Error(
			`The TeamWork Live credential's Account Subdomain "${String(credentials.accountSubdomain)}" is not one subdomain: use only the first part of your address (letters, digits and hyphens), e.g. acme for https://acme.teamworklive.com, or set Base URL instead`,
		);
	}
	return `https://${subdomain}.teamworklive.com`;
}

const isPlainObject = (value: unknown): value is IDataObject =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The records of a list answer: a bare JSON array, or, [inferred] since the root element names are not
 * documented, an object with exactly one key whose value is an array (e.g. {"clientCompanies": [...]}).
 * An empty answer (no body) is an empty list: the overview says a call with no data returns an empty result,
 * not an error. Anything else is undefined: not a list.
 */
export function listRecords(body: unknown): unknown[] | undefined {
	if (body === undefined || body === null) return [];
	if (Array.isArray(body)) return body;
	if (isPlainObject(body)) {
		const keys = Object.keys(body);
		if (keys.length === 0) return []; // [inferred] an empty root element
		if (keys.length === 1 && Array.isArray(body[keys[0]])) return body[keys[0]] as unknown[];
	}
	return undefined;
}

/** Singular root names an item answer may be wrapped in ([inferred]: the node's resource names, any casing). */
const ITEM_ROOTS = new Set([
	'clientcompany',
	'project',
	'milestone',
	'task',
	'event',
	'message',
	'timeentry',
	'contact',
	'user',
	'folder',
	'budget',
]);

/**
 * The data of any success answer: a list's records (see listRecords), an item unwrapped from a single
 * singular root key such as {"clientCompany": {...}} ([inferred]), else the body as it is. An empty
 * body or an empty object is no data (the router then outputs a confirmation for writes).
 */
export function teamWorkLiveData(body: unknown): unknown {
	if (body === undefined || body === null) return undefined;
	if (Array.isArray(body)) return body;
	if (!isPlainObject(body)) return body;
	const keys = Object.keys(body);
	if (keys.length === 0) return undefined;
	if (keys.length === 1) {
		const value = body[keys[0]];
		if (Array.isArray(value)) return value;
		if (isPlainObject(value) && ITEM_ROOTS.has(keys[0].toLowerCase().replace(/[_-]/g, ''))) return value;
	}
	return body;
}

function textOf(value: unknown): string | undefined {
	if (typeof value === 'string') return value.trim() || undefined;
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	return undefined;
}

/**
 * Error details from the body. The shape is [unknown]; the emulator's (and the usual) one is
 * {message, errors}, where errors is a list of texts or a field → message(s) map. The overview says a 400
 * carries a message listing the errors, so both are shown.
 */
export function describeTeamWorkLiveError(body: unknown): { message?: string; details: string[] } {
	if (typeof body === 'string') return { message: body.trim() || undefined, details: [] };
	if (!isPlainObject(body)) return { details: [] };
	const message = textOf(body.message) ?? textOf(body.error) ?? textOf(body.Message) ?? textOf(body.title);
	const details: string[] = [];
	const errors = body.errors ?? body.Errors;
	if (Array.isArray(errors)) {
		for (const entry of errors) {
			const text = textOf(entry) ?? (isPlainObject(entry) ? textOf(entry.message) : undefined);
			if (text) details.push(text);
		}
	} else if (isPlainObject(errors)) {
		for (const [field, value] of Object.entries(errors)) {
			for (const text of ([] as unknown[]).concat(value)) {
				const line = textOf(text);
				if (line) details.push(line.toLowerCase().startsWith(field.toLowerCase()) ? line : `${field}: ${line}`);
			}
		}
	}
	// A message that already lists the errors ("Validation failed: a; b") is not repeated.
	return { message, details: details.filter((detail) => !message?.includes(detail)) };
}

function hasHeader(headers: Record<string, unknown>, name: string): boolean {
	return Object.entries(headers).some(
		([key, value]) => key.toLowerCase() === name && value !== undefined && value !== null && String(value).trim() !== '',
	);
}

/** TeamWork Live as the shared transport sees it: HTTP Basic, `.json` suffix, bare JSON, 503 as the limit. */
export const teamWorkLiveProfile: ApiProfile = {
	name: 'TeamWork Live',
	credentialType: () => 'teamWorkLiveApi',
	baseUrl: teamWorkLiveBaseUrl,
	rateLimit(credentials: ICredentialDataDecryptedObject) {
		const requests = Number(credentials.requestsPerHour) || TEAMWORKLIVE_REQUESTS_PER_HOUR;
		return { requests: Math.max(1, Math.floor(requests)), windowMs: 3_600_000 };
	},
	describeError: describeTeamWorkLiveError,
	// Every documented answer is JSON (the `.json` suffix asks for it): an object or an array.
	rejectBody(body: unknown) {
		return typeof body === 'object' && body !== null ? undefined : 'the body is not a JSON object or array';
	},
	// [inferred] The overview says a call with no data returns an empty result, not an error; the exact shape
	// is unknown, so an empty 2xx body counts as that answer (an empty list for list calls).
	emptyBodyIsAnswer: true,
	// The API picks the format from the path's extension; the node's paths carry none, the transport adds it.
	pathSuffix: '.json',
	// Over the hourly limit the API answers 503 with Retry-After. A 503 without it is an outage: normal
	// 5xx rules (retried only when the request is safe to repeat).
	isRateLimited: (status, headers) => status === 503 && hasHeader(headers, 'retry-after'),
	unauthorizedHint: UNAUTHORIZED_HINT,
};

