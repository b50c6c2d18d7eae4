import type { IHttpRequestMethods } from 'n8n-workflow';

import { routeFor } from '../shared/routes';
import type { RequestContext } from '../shared/transport';
import { worksibleProfile } from './profile';
import { worksibleResources } from './resources';

/** The route of a resource's Get Many, as the credential's Route Overrides may have corrected it. */
export async function listRoute(context: RequestContext, resource: string): Promise<{ method: IHttpRequestMethods; path: string }> {
	return await routeFor(context, worksibleProfile, worksibleResources, resource, 'getAll');
}
