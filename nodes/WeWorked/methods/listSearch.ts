import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { apiRequest } from '../../shared/transport';
import { weWorkedProfile } from '../profile';
import { recordsOf } from '../simplify';

interface SearchSource {
	path: string;
	id(record: IDataObject): unknown;
	label(record: IDataObject, group?: string): string;
}

const SOURCES: Record<'client' | 'project' | 'user', SearchSource> = {
	client: { path: '/v1/clients', id: (r) => r.clientId, label: (r) => String(r.name) },
	project: {
		path: '/v1/projects',
		id: (r) => r.ProjectId ?? r.projectId,
		label: (r, group) => `${String(r.ProjectName ?? r.projectName)}${group && group !== 'Active' ? ` (${group})` : ''}`,
	},
	user: {
		path: '/v1/users',
		id: (r) => r.userId,
		label: (r, group) =>
			`${String(r.firstName)} ${String(r.lastName)}${r.email ? ` (${String(r.email)})` : ''}${group && group !== 'Active' ? ` – ${group}` : ''}`,
	},
};

/** The API has no search or paging: one list call, filtered here. */
async function search(context: ILoadOptionsFunctions, entity: keyof typeof SOURCES, filter?: string): Promise<INodeListSearchResult> {
	const source = SOURCES[entity];
	const { body } = await apiRequest.call(context, weWorkedProfile, { method: 'GET', path: source.path });
	const needle = filter?.toLowerCase();
	const results = recordsOf(body)
		.map(({ record, group }) => ({ name: source.label(record, group), value: String(source.id(record)) }))
		.filter((result) => !needle || result.name.toLowerCase().includes(needle))
		.sort((a, b) => a.name.localeCompare(b.name));
	return { results };
}

export const listSearch = {
	async searchClients(this: ILoadOptionsFunctions, filter?: string) {
		return await search(this, 'client', filter);
	},
	async searchProjects(this: ILoadOptionsFunctions, filter?: string) {
		return await search(this, 'project', filter);
	},
	async searchUsers(this: ILoadOptionsFunctions, filter?: string) {
		return await search(this, 'user', filter);
	},
};
