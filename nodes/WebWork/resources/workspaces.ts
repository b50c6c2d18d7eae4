import type { ResourceSpec } from '../../shared/types';

export const workspacesResource: ResourceSpec = {
	value: 'workspaces',
	name: 'Workspace',
	operations: [
		{
			operation: 'getAll',
			name: 'Get Many',
			action: 'Get many workspaces',
			description: 'List workspaces the caller belongs to (active, non-blocked)',
			method: 'GET',
			path: '/workspaces',
			pagination: { maxPerPage: 100 },
			evidence: 'documented',
			// spec note: Good credential-test call; no required params.
			fields: [
			],
		},
	],
};
