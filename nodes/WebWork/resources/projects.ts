import { webWorkLocators } from '../locators';
import type { ResourceSpec } from '../../shared/types';
import { workspaceId, workspaceIdEitherVariant } from './fields';

export const projectsResource: ResourceSpec = {
	value: 'projects',
	name: 'Project',
	operations: [
		{
			operation: 'getAll',
			name: 'Get Many',
			action: 'Get many projects',
			description: 'List projects',
			method: 'GET',
			path: '/projects',
			pagination: { maxPerPage: 100 },
			evidence: 'documented',
			fields: [
				workspaceId('query'),
				{ name: 'name', in: 'query', kind: 'string' },
			],
		},
		{
			operation: 'create',
			name: 'Create',
			action: 'Create a project',
			description: 'Create a project',
			method: 'POST',
			path: '/projects',
			evidence: 'documented',
			fields: [
				workspaceIdEitherVariant,
				{ name: 'name', in: 'body', kind: 'string', required: true },
				{ name: 'start_date', in: 'body', kind: 'date' },
				{ name: 'deadline', in: 'body', kind: 'date' },
				{ name: 'estimation', in: 'body', kind: 'number' },
				{ name: 'budget', in: 'body', kind: 'number' },
				{ name: 'notes', in: 'body', kind: 'string' },
				{ name: 'icon', in: 'body', kind: 'string' },
			],
		},
		{
			operation: 'get',
			name: 'Get',
			action: 'Get a project',
			description: 'Get one project',
			method: 'GET',
			path: '/projects/{projectId}',
			evidence: 'documented',
			fields: [
				{ name: 'projectId', in: 'path', kind: 'integer', required: true, locator: webWorkLocators.project },
				workspaceId('query'),
			],
		},
		{
			operation: 'update',
			name: 'Update',
			action: 'Update a project',
			description: 'Update a project',
			method: 'PUT',
			path: '/projects/{projectId}',
			evidence: 'documented',
			fields: [
				{ name: 'projectId', in: 'path', kind: 'integer', required: true, locator: webWorkLocators.project },
				workspaceIdEitherVariant,
				{ name: 'name', in: 'body', kind: 'string' },
				{ name: 'start_date', in: 'body', kind: 'date' },
				{ name: 'deadline', in: 'body', kind: 'date' },
				{ name: 'estimation', in: 'body', kind: 'number' },
				{ name: 'budget', in: 'body', kind: 'number' },
				{ name: 'notes', in: 'body', kind: 'string' },
				{ name: 'icon', in: 'body', kind: 'string' },
			],
		},
		{
			operation: 'delete',
			name: 'Delete',
			action: 'Archive a project',
			description: 'Archive a project',
			method: 'DELETE',
			path: '/projects/{projectId}',
			evidence: 'documented',
			fields: [
				{ name: 'projectId', in: 'path', kind: 'integer', required: true, locator: webWorkLocators.project },
				workspaceId('query'),
			],
		},
	],
};
