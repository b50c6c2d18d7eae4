import type { ApiProfile, ApiRequest, RequestContext } from './transport';
import { apiRequest } from './transport';

/** How a provider spells page-number pagination and where its pages say where they are. */
export interface PageNumberPaging {
	pageParam: string;
	perPageParam: string;
	records(body: unknown): unknown[];
	/** current/last page when the response says so; undefined when it does not. */
	position(body: unknown): { current: number; last: number } | undefined;
}

export interface PageRequest {
	/** Stop after this many records; undefined means all. */
	limit?: number;
	maxPerPage: number;
}

/**
 * Walks pages until the last one, asking for the largest page the API allows (or just the limit), so
 * N records cost ceil(N / maxPerPage) calls when the API reports its last page.
 */
export async function fetchPages(
	this: RequestContext,
	profile: ApiProfile,
	paging: PageNumberPaging,
	request: ApiRequest,
	want: PageRequest,
	itemIndex: number,
): Promise<{ records: unknown[]; bodies: unknown[] }> {
	const perPage = want.limit === undefined ? want.maxPerPage : Math.min(want.limit, want.maxPerPage);
	const records: unknown[] = [];
	const bodies: unknown[] = [];
	let previousFirst: string | undefined;
	for (let page = 1; ; page++) {
		const { body } = await apiRequest.call(
			this,
			profile,
			{ ...request, qs: { ...request.qs, [paging.pageParam]: page, [paging.perPageParam]: perPage } },
			itemIndex,
		);
		const pageRecords = paging.records(body);
		const position = paging.position(body);
		// A page equal to the previous one, or page numbers that do not follow the request, mean the API
		// ignores `page`: stop (without its repeated records) rather than loop forever.
		const first = pageRecords.length ? JSON.stringify(pageRecords[0]) : undefined;
		if (page > 1 && (first === previousFirst || (position && position.current < page))) break;
		previousFirst = first;
		bodies.push(body);
		records.push(...pageRecords);
		if (want.limit !== undefined && records.length >= want.limit) {
			return { records: records.slice(0, want.limit), bodies };
		}
		if (!pageRecords.length || (position ? position.current >= position.last : pageRecords.length < perPage)) break;
	}
	return { records, bodies };
}
