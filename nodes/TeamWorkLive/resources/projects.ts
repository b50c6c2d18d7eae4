import type { ResourceSpec } from '../../shared/types';
import { additionalBody, assumedRoute, idInPath, nameField } from './fields';

/** What is assumed about every project route. */
const assumed = assumedRoute(
	'the help pages show projects (statuses Planning, Active, Critical, On-Hold, Archived), not their API',
);

export const projectsResource: ResourceSpec = {
	value: 'project',
	name: 'Project',
	operations: [
		{
			operation: 'getAll',
			name: 'Get Many',
			action: 'Get many projects',
			description: 'List all projects of the account',
			method: 'GET',
			path: '/projects',
			clientSideLimit: true,
			evidence: 'inferredPath',
			note: assumed,
			fields: [],
		},
		{
			operation: 'get',
			name: 'Get',
			action: 'Get a project',
			description: 'Get one project',
			method: 'GET',
			path: '/projects/{projectId}',
			evidence: 'inferredPath',
			note: assumed,
			fields: [idInPath('projectId', 'project')],
		},
		{
			operation: 'create',
			name: 'Create',
			action: 'Create a project',
			description: 'Create a project',
			method: 'POST',
			path: '/projects',
			evidence: 'inferredPath',
			note: assumed,
			fields: [
				nameField(true),
				additionalBody(),
			],
		},
		{
			operation: 'update',
			name: 'Update',
			action: 'Update a project',
			description: 'Update a project',
			method: 'PUT',
			path: '/projects/{projectId}',
			evidence: 'inferredPath',
			note: assumed,
			fields: [
				idInPath('projectId', 'project'),
				nameField(false),
				additionalBody(),
			],
		},
		{
			operation: 'delete',
			name: 'Delete',
			action: 'Delete a project',
			description: 'Delete a project',
			method: 'DELETE',
			path: '/projects/{projectId}',
			evidence: 'inferredPath',
			note: assumed,
			fields: [idInPath('projectId', 'project')],
		},
	],
};
