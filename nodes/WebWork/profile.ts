import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import type { Paging } from '../shared/pagination';
import { isJsonObject } from '../shared/responses';
import type { ApiProfile, RequestContext } from '../shared/transport';

export const WEBWORK_DEFAULT_BASE_URL = 'https://api.webwork-tracker.com/api/v2';
/** Documented: 60 requests per minute per authenticated user. */
export const WEBWORK_REQUESTS_PER_MINUTE = 60;

type Body = {
	data?: unknown;
	message?: unknown;
	error?: unknown;
	errors?: Record<string, unknown>;
	meta?: { pagination?: Pagination };
	pagination?: Pagination;
};
type Pagination = { current_page?: number; last_page?: number };

const asBody = (body: unknown): Body => (typeof body === 'object' && body !== null ? (body as Body) : {});

/** The WebWork REST API v2 as the shared transport sees it. */
export const webWorkProfile: ApiProfile = {
	name: 'WebWork',
	credentialType(context: RequestContext) {
		// Read the raw parameter: the same code serves execute, list search, poll and webhook contexts.
		const authentication = context.getNode().parameters.authentication as string | undefined;
		return authentication === 'oAuth2' ? 'webWorkOAuth2Api' : 'webWorkApi';
	},
	baseUrl(credentials: ICredentialDataDecryptedObject) {
		return String(credentials.baseUrl || WEBWORK_DEFAULT_BASE_URL).trim().replace(/\/+$/, '');
	},
	rateLimit(credentials: ICredentialDataDecryptedObject) {
		const perMinute = Number(credentials.requestsPerMinute) || WEBWORK_REQUESTS_PER_MINUTE;
		return { requests: perMinute, windowMs: 60_000 };
	},
	describeError(body: unknown) {
		const { message, error, errors } = asBody(body);
		const details = Object.entries(errors ?? {}).map(
			([field, messages]) => `${field}: ${Array.isArray(messages) ? messages.join(' ') : String(messages)}`,
		);
		const text = typeof message === 'string' && message ? message : typeof error === 'string' ? error : undefined;
		return { message: text ?? (typeof body === 'string' && body ? body : undefined), details };
	},
	// Every documented answer is the {success, data, message, meta} envelope.
	rejectBody(body: unknown) {
		if (!isJsonObject(body) || typeof body.success !== 'boolean') return 'the body is not the {success, data} envelope';
		if (body.success !== true) {
			return `the envelope says success: false${typeof body.message === 'string' ? ` ("${body.message}")` : ''}`;
		}
		return undefined;
	},
	// Report filters such as users[] are documented as arrays ("arrays accept CSV").
	arrayFormat: 'brackets',
};

/** Page numbers live in `meta.pagination`, except where an example shows them at the top level (contracts). */
export const webWorkPaging: Paging = {
	pageParam: 'page',
	perPageParam: 'per_page',
	records(body) {
		const data = asBody(body).data;
		if (Array.isArray(data)) return data;
		if (data === null || (data === undefined && isJsonObject(body))) return [];
		return isJsonObject(data) ? [data] : undefined;
	},
	position(body) {
		const { meta, pagination } = asBody(body);
		const found = meta?.pagination ?? pagination;
		if (typeof found?.current_page !== 'number' || typeof found?.last_page !== 'number') return undefined;
		return { current: found.current_page, last: found.last_page };
	},
};

export function webWorkData(body: unknown): unknown {
	return asBody(body).data;
}

export function webWorkMessage(body: unknown): string | undefined {
	const { message } = asBody(body);
	return typeof message === 'string' ? message : undefined;
}
