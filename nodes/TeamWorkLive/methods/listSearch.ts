import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import type { AccountList } from '../lists';
import { readList } from '../lists';

const text = (value: unknown) => (value === undefined || value === null ? '' : String(value));

/** A record's label: its name ([inferred] field name), plus the e-mail for people. */
function label(record: IDataObject): string {
	const name = text(record.name ?? record.title) || `#${text(record.id)}`;
	return record.email ? `${name} (${text(record.email)})` : name;
}

/** The API documents no search or paging: one list call, filtered here. */
async function search(context: ILoadOptionsFunctions, list: AccountList, filter?: string): Promise<INodeListSearchResult> {
	const records = await readList(context, list);
	const needle = filter?.trim().toLowerCase();
	const results = records
		.filter((record) => record.id !== undefined && record.id !== null)
		.map((record) => ({ name: label(record), value: text(record.id) }))
		.filter((result) => !needle || result.name.toLowerCase().includes(needle) || result.value.toLowerCase() === needle)
		.sort((a, b) => a.name.localeCompare(b.name));
	return { results };
}

export const listSearch = {
	async searchClientCompanies(this: ILoadOptionsFunctions, filter?: string) {
		return await search(this, 'clientCompany', filter);
	},
	async searchProjects(this: ILoadOptionsFunctions, filter?: string) {
		return await search(this, 'project', filter);
	},
	async searchUsers(this: ILoadOptionsFunctions, filter?: string) {
		return await search(this, 'user', filter);
	},
};
