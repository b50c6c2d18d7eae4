import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { LocatorEntity } from '../../shared/types';
import { apiRequest } from '../../shared/transport';
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

type WebWorkEntity = Extract<LocatorEntity, 'workspace' | 'project' | 'member' | 'contract' | 'task'>;

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
	const results: Array<{ name: string; value: string }> = [];
	let page = Number(paginationToken) || 1;
	// Filtering here rather than on the API: read on until something matches (a few pages at most per
	// call), so a name on page 3 is found without the user scrolling through empty result pages.
	for (let read = 0; read < SEARCH_PAGES_PER_CALL; read++, page++) {
		const { body } = await apiRequest.call(context, webWorkProfile, {
			method: 'GET',
			path: source.path,
			qs: { ...qs, page, per_page: 100 },
		});
		const records = webWorkPaging.records(body) as IDataObject[];
		results.push(
			...records
				.map((record) => ({ name: source.label(record), value: String(record.id) }))
				.filter((result) => !needle || result.name.toLowerCase().includes(needle)),
		);
		const position = webWorkPaging.position(body);
		const more = position ? position.current < position.last : records.length === 100;
		if (!more) return { results };
		if (!needle || results.length) return { results, paginationToken: String(page + 1) };
	}
	return { results, paginationToken: String(page) };
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
