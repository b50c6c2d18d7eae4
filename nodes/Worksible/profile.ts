import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import type { Paging } from '../shared/pagination';
import { isJsonObject } from '../shared/responses';
import type { ApiProfile } from '../shared/transport';

/** Documented base URL (spec §2), version in the path. */
export const WORKSIBLE_DEFAULT_BASE_URL = 'https://api.worksible.com/v1';
/** Plan-based limits are unpublished (spec §5); the credential's conservative default. */
export const WORKSIBLE_REQUESTS_PER_MINUTE = 60;

/**
 * The error body is undocumented (spec §7); we read `{ error: { type, code, message, fields } }` (the emulator's
 * assumption, Stripe-like) and fall back to a top-level `message` / `error` string / `code`, in the spec's order.
 */
type ErrorObject = { type?: unknown; code?: unknown; message?: unknown; fields?: unknown; required_scope?: unknown };

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() ? value.trim() : undefined);

function fieldDetails(fields: unknown): string[] {
	if (Array.isArray(fields)) {
		// [{ field, message }] or plain strings
		return fields.map((entry) =>
			isJsonObject(entry) ? `${String(entry.field ?? entry.name ?? '?')}: ${String(entry.message ?? JSON.stringify(entry))}` : String(entry),
		);
	}
	if (!isJsonObject(fields)) return [];
	return Object.entries(fields).map(
		([field, messages]) => `${field}: ${Array.isArray(messages) ? messages.map(String).join(', ') : String(messages)}`,
	);
}

/** A list page: `data` is an array and the body says it is a list (cursor or page style). */
export function isListBody(body: unknown): body is { data: unknown[] } & Record<string, unknown> {
	return (
		isJsonObject(body) &&
		Array.isArray(body.data) &&
		(body.object === 'list' || 'has_more' in body || 'next_cursor' in body || isJsonObject(body.meta))
	);
}

/** The Worksible REST API v1 as the shared transport sees it. */
export const worksibleProfile: ApiProfile = {
	name: 'Worksible',
	credentialType: () => 'worksibleApi',
	baseUrl(credentials: ICredentialDataDecryptedObject) {
		return String(credentials.baseUrl || WORKSIBLE_DEFAULT_BASE_URL).trim().replace(/\/+$/, '');
	},
	rateLimit(credentials: ICredentialDataDecryptedObject) {
		const perMinute = Number(credentials.requestsPerMinute) || WORKSIBLE_REQUESTS_PER_MINUTE;
		return { requests: perMinute, windowMs: 60_000 };
	},
	describeError(body: unknown) {
		if (!isJsonObject(body)) return { message: text(body), details: [] };
		const error = isJsonObject(body.error) ? (body.error as ErrorObject) : undefined;
		const code = text(error?.code) ?? text(body.code);
		const message = text(error?.message) ?? text(body.message) ?? text(body.error);
		const details = fieldDetails(error?.fields ?? body.fields ?? body.errors);
		const scope = text(error?.required_scope);
		if (scope) details.push(`required scope: ${scope}`);
		return { message: message ? (code ? `${message} (${code})` : message) : code, details };
	},
	/**
	 * The response contract (strict, since the envelope is undocumented, spec §4): every 2xx answer with a body is
	 * one JSON object: a record, a delete confirmation, or a list page `{ data: [...], … }`. A bare array, a
	 * scalar or an error object sent with a 2xx status is not a Worksible answer (a proxy or maintenance page).
	 * Lists must carry their records in `data` (checked by the paging below). 204 / empty bodies are handled
	 * by the transport (only 204 may be empty).
	 */
	rejectBody(body: unknown) {
		if (!isJsonObject(body)) return Array.isArray(body) ? 'the body is a bare JSON array, not a JSON object' : 'the body is not a JSON object';
		if (isJsonObject(body.error) && body.id === undefined && body.data === undefined) {
			const error = body.error as ErrorObject;
			return `the body is an error object${text(error.message) ? ` ("${text(error.message)}")` : ''}`;
		}
		return undefined;
	},
	// Documented for mutating endpoints (spec §6): a repeat with the same key replays the original answer.
	idempotencyHeader: 'Idempotency-Key',
};

type PageBody = { data?: unknown; has_more?: unknown; next_cursor?: unknown; meta?: { page?: unknown; total_pages?: unknown } };

/**
 * Worksible's paging is undocumented (spec §4, §12.3), so both common styles are recognised from the answer:
 *   cursor: `{ data, has_more, next_cursor }`, next page asked for with `cursor`;
 *   page:   `{ data, meta: { page, per_page, total, total_pages } }`, next page asked for with `page`.
 * The page-size parameter's name is unknown too: both `limit` (cursor style) and `per_page` (page style) are sent
 * on every list call, so whichever the API reads gets the size we want and the other is ignored.
 */
export const worksiblePaging: Paging = {
	pageParam: 'page',
	cursorParam: 'cursor',
	perPageParam: ['limit', 'per_page'],
	assumed: {
		hint: "Worksible's paging is undocumented: this node asks for the next page with `cursor` (the answer's `next_cursor`) or `page` (after `meta.page`), and the page size with `limit` and `per_page`. If the API pages another way, read the list with Custom API Request, walking the pages in the workflow, and tell us how it pages.",
	},
	records(body) {
		// No `data` array: not a list page (the router reports a contract error, nothing is output).
		return isJsonObject(body) && Array.isArray(body.data) ? body.data : undefined;
	},
	position(body) {
		if (!isJsonObject(body)) return undefined;
		const page = body as PageBody;
		if ('has_more' in page || 'next_cursor' in page) {
			const cursor = page.has_more === false ? undefined : text(page.next_cursor);
			// More records, but no cursor to ask for them with (a Stripe-like API pages by the last ID instead):
			// ending here would drop the rest of the list without a word.
			if (page.has_more === true && cursor === undefined) return { unreadable: 'the page says has_more: true but gives no next_cursor' };
			return { nextCursor: cursor };
		}
		const current = Number(page.meta?.page);
		const last = Number(page.meta?.total_pages);
		if (isJsonObject(page.meta) && Number.isInteger(current) && Number.isInteger(last)) return { current, last };
		return undefined;
	},
};

/** The records of a success body: a list page's `data`, else the body itself (one record). */
export function worksibleData(body: unknown): unknown {
	return isListBody(body) ? body.data : body;
}

export function worksibleMessage(body: unknown): string | undefined {
	return isJsonObject(body) && typeof body.message === 'string' ? body.message : undefined;
}
