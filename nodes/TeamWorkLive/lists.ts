import type { IDataObject, IHttpRequestMethods } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { routeFor } from '../shared/routes';
import type { RequestContext } from '../shared/transport';
import { answeredBy, apiRequest } from '../shared/transport';
import { listRecords, teamWorkLiveProfile } from './profile';
import { teamWorkLiveResources } from './resources';

/** The account-wide lists (no project needed) that list search and the trigger read. */
export type AccountList = 'clientCompany' | 'project' | 'user' | 'contact';

/** The list call of a resource, as the credential's Route Overrides may have corrected it. */
export async function listRoute(
	context: RequestContext,
	resource: AccountList,
): Promise<{ method: IHttpRequestMethods; path: string }> {
	return await routeFor(context, teamWorkLiveProfile, teamWorkLiveResources, resource, 'getAll');
}

/**
 * One list call, whole (the API documents no paging): its records as objects. A 2xx that is not a list
 * fails, so a trigger's state never moves on a broken answer.
 */
export async function readList(context: RequestContext, resource: AccountList): Promise<IDataObject[]> {
	const route = await listRoute(context, resource);
	const { body } = await apiRequest.call(context, teamWorkLiveProfile, route);
	const records = listRecords(body);
	if (!records) {
		throw new NodeOperationError(
			context.getNode(),
			`${answeredBy(teamWorkLiveProfile, route)} with a body that is not a list`,
			{ description: 'Expected a JSON array (or an object holding one array). Check the path in the credential\'s Route Overrides.' },
		);
	}
	return records.map((record) =>
		typeof record === 'object' && record !== null && !Array.isArray(record)
			? (record as IDataObject)
			: { value: record as IDataObject[string] },
	);
}
