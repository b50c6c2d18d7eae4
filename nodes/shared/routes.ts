import type { IHttpRequestMethods } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { credentialSettings } from './credentialSettings';
import type { ApiProfile, RequestContext } from './transport';
import type { ResourceSpec } from './types';

export type RouteOverrides = Map<string, { method: IHttpRequestMethods; path: string }>;

const METHODS: IHttpRequestMethods[] = ['DELETE', 'GET', 'HEAD', 'PATCH', 'POST', 'PUT'];

/**
 * Parses a credential's route map: one `resource.operation = METHOD /path` per line (blank lines and
 * lines starting with # ignored). Lets a team correct an inferred route for every node without a release.
 */
export function parseRouteOverrides(text: string, resources: ResourceSpec[]): RouteOverrides | string {
	const known = new Set(resources.flatMap((r) => r.operations.map((o) => `${r.value}.${o.operation}`)));
	const routes: RouteOverrides = new Map();
	const lines = text.split(/\r?\n/);
	for (let index = 0; index < lines.length; index++) {
		const line = lines[index].trim();
		if (!line || line.startsWith('#')) continue;
		const match = /^([\w-]+\.[\w-]+)\s*(?:=|->|→|:)\s*([A-Za-z]+)\s+(\S+)$/.exec(line);
		if (!match) return `line ${index + 1} ("${line}") is not "resource.operation = METHOD /path"`;
		const [, operation, rawMethod, path] = match;
		const method = rawMethod.toUpperCase() as IHttpRequestMethods;
		if (!known.has(operation)) return `line ${index + 1}: "${operation}" is not an operation of this node (known: resource.operation as in the node's dropdowns)`;
		if (!METHODS.includes(method)) return `line ${index + 1}: "${rawMethod}" is not an HTTP method`;
		if (/^[a-z][a-z\d+.-]*:|^\/\//i.test(path)) return `line ${index + 1}: the path must be relative to the base URL`;
		routes.set(operation, { method, path });
	}
	return routes;
}

/** The route map of the credential the node uses (field `routeOverrides`), empty when it has none. */
export async function routeOverridesOf(
	context: RequestContext,
	profile: ApiProfile,
	resources: ResourceSpec[],
): Promise<RouteOverrides> {
	const credentials = await credentialSettings(context, profile.credentialType(context));
	const text = typeof credentials.routeOverrides === 'string' ? credentials.routeOverrides : '';
	if (!text.trim()) return new Map();
	const parsed = parseRouteOverrides(text, resources);
	if (typeof parsed === 'string') {
		throw new NodeOperationError(context.getNode(), `The credential's Route Overrides are not valid: ${parsed}`, {
			description: 'Fix the Route Overrides field of the credential; nothing was sent.',
		});
	}
	return parsed;
}

/**
 * The route of one operation (`resource.operation`): the credential's override when it has one, else the
 * node's default. List search and triggers use it, so one correction on the credential fixes them too.
 */
export async function routeFor(
	context: RequestContext,
	profile: ApiProfile,
	resources: ResourceSpec[],
	resource: string,
	operation: string,
): Promise<{ method: IHttpRequestMethods; path: string }> {
	const spec = resources.find((r) => r.value === resource)?.operations.find((o) => o.operation === operation);
	if (!spec) throw new NodeOperationError(context.getNode(), `${profile.name} has no operation "${resource}.${operation}"`);
	const route = (await routeOverridesOf(context, profile, resources)).get(`${resource}.${operation}`);
	return route ?? { method: spec.method, path: spec.path };
}
