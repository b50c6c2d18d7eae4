import type { IDataObject } from 'n8n-workflow';

import type { ApiProfile, ApiRequest, RequestContext } from './transport';
import { answeredBy, apiRequest } from './transport';

/**
 * Where a page says it is: page numbers, or the cursor of the next page (none on the last page), or why
 * the next page cannot be asked for (a list that says it goes on without saying how).
 */
export type PagePosition = { current: number; last: number } | { nextCursor: string | undefined } | { unreadable: string };

/** A page number or an opaque cursor. */
export type PageToken = number | string;

/** How a provider pages its lists; declared in the provider's folder, walked by the shared code. */
export interface Paging {
	/** Query parameter for a page number (page-number APIs). */
	pageParam?: string;
	/** Query parameter for a cursor (cursor APIs). With both set, the first answer tells which is in use. */
	cursorParam?: string;
	/** Page size parameter(s); several when the API's name for it is not known for sure (all are sent). */
	perPageParam: string | string[];
	/**
	 * Set when the paging parameters are our assumption, not documented: a page the API did not turn (the
	 * same records again) then fails the list instead of ending it, since it means the API reads other
	 * parameters and the rest of the list would be lost without a word. The hint tells the user what to do.
	 */
	assumed?: { hint: string };
	/** The records of a page, or undefined when the body is not a page (a broken response). */
	records(body: unknown): unknown[] | undefined;
	position(body: unknown): PagePosition | undefined;
}

export interface PageRequest {
	/** Stop after this many records; undefined means all. */
	limit?: number;
	maxPerPage: number;
}

export interface Page {
	records: unknown[];
	body: unknown;
	/** The next page's token; undefined on the last page. */
	next?: PageToken;
	/** Set when the page says the list goes on but not how to ask for more (thrown by `nextOf`). */
	unreadable?: PageShapeError;
}

/** The next page's token, or the reason it cannot be asked for; undefined on the last page. */
export function nextOf(page: Page): PageToken | undefined {
	if (page.unreadable) throw page.unreadable;
	return page.next;
}

/** Query parameters asking for the page at `token` (undefined: the first page). */
export function pageQuery(paging: Paging, token: PageToken | undefined, perPage: number): IDataObject {
	const query: IDataObject = {};
	for (const name of ([] as string[]).concat(paging.perPageParam)) query[name] = perPage;
	if (typeof token === 'string' && paging.cursorParam) query[paging.cursorParam] = token;
	else if (typeof token === 'number' && paging.pageParam) query[paging.pageParam] = token;
	else if (token === undefined && paging.pageParam && !paging.cursorParam) query[paging.pageParam] = 1;
	return query;
}

/**
 * The one "is this the last page?" rule: the page's own position when it gives one (cursor, or current vs
 * last page, which also catches an API that ignores the page asked for), else a short or empty page.
 * `unreadable`: why the next page cannot be asked for.
 */
export function nextPageToken(
	paging: Paging,
	body: unknown,
	token: PageToken | undefined,
	perPage: number,
	recordCount: number,
): PageToken | undefined | { unreadable: string } {
	if (recordCount === 0) return undefined;
	const position = paging.position(body);
	if (position && 'unreadable' in position) return position;
	if (position && 'nextCursor' in position) return position.nextCursor || undefined;
	const asked = typeof token === 'number' ? token : 1;
	if (position) return position.current >= position.last || position.current < asked ? undefined : position.current + 1;
	if (!paging.pageParam || recordCount < perPage) return undefined;
	return asked + 1;
}

/** Reads one page; a body that is not a page fails like any broken response. */
export async function readPage(
	this: RequestContext,
	profile: ApiProfile,
	paging: Paging,
	request: ApiRequest,
	token: PageToken | undefined,
	perPage: number,
	itemIndex = 0,
): Promise<Page> {
	const { body } = await apiRequest.call(
		this,
		profile,
		{ ...request, qs: { ...request.qs, ...pageQuery(paging, token, perPage) } },
		itemIndex,
	);
	const answered = answeredBy(profile, request);
	const records = paging.records(body);
	if (!records) throw new PageShapeError(`${answered} with a body that is not a list page`);
	const next = nextPageToken(paging, body, token, perPage, records.length);
	if (typeof next !== 'object') return { records, body, next };
	// Its records are still good: a caller that needs no more (a Limit reached) uses them.
	return { records, body, unreadable: new PageShapeError(`${answered}: ${next.unreadable}`, paging.assumed?.hint) };
}

/** A 2xx list answer without its records, or one whose next page cannot be read; reported as the item's error. */
export class PageShapeError extends Error {
	constructor(
		message: string,
		/** What the user can do about it, when the provider knows. */
		readonly hint?: string,
	) {
		super(message);
	}
}

/**
 * Walks pages until the last one, asking for the largest page the API allows (or just the limit), so
 * N records cost ceil(N / maxPerPage) calls when the API reports its last page.
 */
export async function fetchPages(
	this: RequestContext,
	profile: ApiProfile,
	paging: Paging,
	request: ApiRequest,
	want: PageRequest,
	itemIndex: number,
): Promise<{ records: unknown[]; bodies: unknown[] }> {
	const perPage = want.limit === undefined ? want.maxPerPage : Math.min(want.limit, want.maxPerPage);
	const records: unknown[] = [];
	const bodies: unknown[] = [];
	let previousFirst: string | undefined;
	let token: PageToken | undefined;
	for (let pageNumber = 1; ; pageNumber++) {
		const page = await readPage.call(this, profile, paging, request, token, perPage, itemIndex);
		// A page equal to the previous one means the API ignores the page asked for: stop (without its
		// repeated records) rather than loop forever.
		const first = page.records.length ? JSON.stringify(page.records[0]) : undefined;
		if (pageNumber > 1 && first === previousFirst) {
			if (!paging.assumed) break;
			throw new PageShapeError(
				`${answeredBy(profile, request)} page ${pageNumber} with the records of page ${pageNumber - 1}: the API did not turn the page`,
				paging.assumed.hint,
			);
		}
		previousFirst = first;
		bodies.push(page.body);
		// Appended one by one: spreading a huge page into push() overflows the stack.
		for (const record of page.records) records.push(record);
		if (want.limit !== undefined && records.length >= want.limit) {
			return { records: records.slice(0, want.limit), bodies };
		}
		token = nextOf(page);
		if (token === undefined) break;
	}
	return { records, bodies };
}

/** A page token as the text n8n keeps between list-search calls, and back. */
export function encodePageToken(token: PageToken | undefined): string | undefined {
	if (token === undefined) return undefined;
	return typeof token === 'number' ? String(token) : `cursor:${token}`;
}

export function decodePageToken(text: string | undefined): PageToken | undefined {
	if (!text) return undefined;
	if (text.startsWith('cursor:')) return text.slice(7);
	return Number(text) || undefined;
}

/**
 * Resource-locator search over a paged list: reads on (a few pages per call at most) until something
 * matches, so a name on page 3 is found without the user scrolling through empty result pages.
 */
export async function searchPages(
	this: RequestContext,
	profile: ApiProfile,
	paging: Paging,
	request: ApiRequest,
	options: { perPage: number; maxPages: number; paginationToken?: string; matches?: (record: IDataObject) => boolean },
): Promise<{ records: IDataObject[]; paginationToken?: string }> {
	const found: IDataObject[] = [];
	let token = decodePageToken(options.paginationToken);
	for (let read = 0; read < options.maxPages; read++) {
		const page = await readPage.call(this, profile, paging, request, token, options.perPage);
		for (const record of page.records as IDataObject[]) if (!options.matches || options.matches(record)) found.push(record);
		// A list whose next page cannot be asked for ends the search here, unless it found nothing at all.
		token = found.length ? page.next : nextOf(page);
		if (token === undefined || found.length) break;
	}
	return { records: found, paginationToken: encodePageToken(token) };
}
