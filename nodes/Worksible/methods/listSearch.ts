import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { searchPages } from '../../shared/pagination';
import { listRoute } from '../listRoute';
import type { WorksibleEntity } from '../locators';
import { worksiblePaging, worksibleProfile } from '../profile';

/** Pages read per list-search call at most while looking for a match. */
const SEARCH_PAGES_PER_CALL = 5;
const PER_PAGE = 100;

const str = (value: unknown) => (value === undefined || value === null || value === '' ? undefined : String(value));

interface SearchSource {
	/** Resource whose Get Many lists these records. */
	resource: string;
	label(record: IDataObject): string;
}

/** Field names are our assumption (spec §11): labels fall back to the ID when a name is missing. */
const SOURCES: Record<WorksibleEntity, SearchSource> = {
	organization: { resource: 'organizations', label: (r) => str(r.name) ?? String(r.id) },
	freelancer: {
		resource: 'freelancers',
		label: (r) => {
			const name = str(r.name);
			const email = str(r.email);
			return name && email ? `${name} (${email})` : (name ?? email ?? String(r.id));
		},
	},
	project: { resource: 'projects', label: (r) => str(r.name) ?? String(r.id) },
	contract: {
		resource: 'contracts',
		label: (r) =>
			str(r.name) ?? str(r.title) ?? [`Contract ${String(r.id)}`, str(r.type), str(r.status)].filter(Boolean).join(' · '),
	},
	invoice: {
		resource: 'invoices',
		label: (r) => [str(r.number) ?? String(r.id), str(r.concept)].filter(Boolean).join(' – '),
	},
};

/**
 * Worksible's filter syntax is unpublished (spec §4), so the list is read page by page and filtered here by
 * label (and ID), reading on until something matches.
 */
async function search(
	context: ILoadOptionsFunctions,
	entity: WorksibleEntity,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const source = SOURCES[entity];
	const route = await listRoute(context, source.resource);
	const needle = filter?.trim().toLowerCase();
	const { records, paginationToken: next } = await searchPages.call(
		context,
		worksibleProfile,
		worksiblePaging,
		{ method: route.method, path: route.path },
		{
			perPage: PER_PAGE,
			maxPages: SEARCH_PAGES_PER_CALL,
			paginationToken,
			matches: needle
				? (record) => source.label(record).toLowerCase().includes(needle) || String(record.id).toLowerCase() === needle
				: undefined,
		},
	);
	return {
		results: records
			.filter((record) => str(record.id) !== undefined)
			.map((record) => ({ name: source.label(record), value: String(record.id) })),
		paginationToken: next,
	};
}

export const listSearch = {
	async searchOrganizations(this: ILoadOptionsFunctions, filter?: string, token?: string) {
		return await search(this, 'organization', filter, token);
	},
	async searchFreelancers(this: ILoadOptionsFunctions, filter?: string, token?: string) {
		return await search(this, 'freelancer', filter, token);
	},
	async searchProjects(this: ILoadOptionsFunctions, filter?: string, token?: string) {
		return await search(this, 'project', filter, token);
	},
	async searchContracts(this: ILoadOptionsFunctions, filter?: string, token?: string) {
		return await search(this, 'contract', filter, token);
	},
	async searchInvoices(this: ILoadOptionsFunctions, filter?: string, token?: string) {
		return await search(this, 'invoice', filter, token);
	},
};
