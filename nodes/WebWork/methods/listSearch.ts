import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { searchPages } from '../../shared/pagination';
import type { webWorkLocators } from '../locators';
import { webWorkPaging, webWorkProfile } from '../profile';

type Scope = 'workspace' | 'project';

const SEARCH_PAGES_PER_CALL = 5;

interface SearchSource {
	path: string;
	needs: Scope[];
	label(record: IDataObject): string;
	/** Query parameter the API filters by name with, if any (otherwise we filter here). */
	nameParam?: string;
}

const fullName = (r: IDataObject) =>
	[r.firstname, r.lastname].filter(Boolean).join(' ') + (r.email ? ` (${String(r.email)})` : '');

type WebWorkEntity = keyof typeof webWorkLocators;

const SOURCES: Record<WebWorkEntity, SearchSource> = {
	workspace: { path: '/workspaces', needs: [], label: (r) => String(r.workspace_name ?? r.id) },
	project: { path: '/projects', needs: ['workspace'], label: (r) => String(r.name ?? r.id), nameParam: 'name' },
	member: { path: '/members', needs: ['workspace'], label: fullName },
	contract: {
		path: '/contracts',
		needs: ['workspace'],
		label: (r) =>
			`${String(r.project_name ?? r.project_id)} – ${[r.user_firstname, r.user_lastname].filter(Boolean).join(' ')}`,
	},
	task: { path: '/tasks', needs: ['workspace', 'project'], label: (r) => String(r.title ?? r.id) },
};

/** The locator value the user already chose for a scope, wherever the operation keeps that field. */
function scopeValue(context: ILoadOptionsFunctions, scope: Scope): string | undefined {
	const name = `${scope}Id`;
	for (const path of [name, `filters.${name}`, `additionalFields.${name}`, `updateFields.${name}`]) {
		try {
			const value = context.getCurrentNodeParameter(path, { extractValue: true });
			if (value !== undefined && value !== '') return String(value);
		} catch {
			// not a parameter of this operation
		}
	}
	return undefined;
}

async function search(
	context: ILoadOptionsFunctions,
	entity: WebWorkEntity,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const source = SOURCES[entity];
	const qs: IDataObject = {};
	for (const scope of source.needs) {
		const value = scopeValue(context, scope);
		if (!value) {
			throw new NodeOperationError(context.getNode(), `Choose a ${scope} first to list ${entity}s`);
		}
		qs[`${scope}_id`] = value;
	}
	if (filter && source.nameParam) qs[source.nameParam] = filter;
	const needle = filter && !source.nameParam ? filter.toLowerCase() : undefined;
	// Filtering here rather than on the API: read on until something matches (a few pages at most per call).
	const { records, paginationToken: next } = await searchPages.call(
		context,
		webWorkProfile,
		webWorkPaging,
		{ method: 'GET', path: source.path, qs },
		{
			perPage: 100,
			maxPages: SEARCH_PAGES_PER_CALL,
			paginationToken,
			matches: needle ? (record) => source.label(record).toLowerCase().includes(needle) : undefined,
		},
	);
	return { results: records.map((record) => ({ name: source.label(record), value: String(record.id) })), paginationToken: next };
}

export const listSearch = {
	async searchWorkspaces(this: ILoadOptionsFunctions, filter?: string, token?: string) {
		return await search(this, 'workspace', filter, token);
	},
	async searchProjects(this: ILoadOptionsFunctions, filter?: string, token?: string) {
		return await search(this, 'project', filter, token);
	},
	async searchMembers(this: ILoadOptionsFunctions, filter?: string, token?: string) {
		return await search(this, 'member', filter, token);
	},
	async searchContracts(this: ILoadOptionsFunctions, filter?: string, token?: string) {
		return await search(this, 'contract', filter, token);
	},
	async searchTasks(this: ILoadOptionsFunctions, filter?: string, token?: string) {
		return await search(this, 'task', filter, token);
	},
};
