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
		bodies.push(body);
		const pageRecords = paging.records(body);
		records.push(...pageRecords);
		if (want.limit !== undefined && records.length >= want.limit) {
			return { records: records.slice(0, want.limit), bodies };
		}
		const position = paging.position(body);
		if (pageRecords.length === 0) break;
		if (position) {
			if (position.current >= position.last) break;
			continue;
		}
		// Without page numbers in the answer: a short page is the last, and a page equal to the
		// previous one means the API ignores `page` (stop rather than loop forever).
		const first = JSON.stringify(pageRecords[0]);
		if (pageRecords.length < perPage || first === previousFirst) break;
		previousFirst = first;
	}
	return { records, bodies };
}
