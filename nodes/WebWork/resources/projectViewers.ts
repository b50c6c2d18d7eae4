import type { ResourceSpec } from '../../shared/types';

export const projectViewersResource: ResourceSpec = {
	value: 'projectViewers',
	name: 'Project Viewer',
	operations: [
		{
			operation: 'getAll',
			name: 'Get Many',
			action: 'Get many project viewers',
			description: 'List project viewers (clients)',
			method: 'GET',
			path: '/project-viewers',
			pagination: { maxPerPage: 100 },
			evidence: 'documented',
			fields: [
				{ name: 'workspace_id', in: 'query', kind: 'integer', required: true, locator: 'workspace' },
				{ name: 'email', in: 'query', kind: 'string' },
			],
		},
		{
			operation: 'create',
			name: 'Create',
			action: 'Create a project viewer',
			description: 'Create/invite a project viewer',
			method: 'POST',
			path: '/project-viewers',
			evidence: 'documented',
			fields: [
				{ name: 'workspace_id', in: 'body', kind: 'integer', required: true, locator: 'workspace' },
				{ name: 'email', in: 'body', kind: 'string', required: true },
				{ name: 'firstname', in: 'body', kind: 'string', required: true },
				{ name: 'lastname', in: 'body', kind: 'string', required: true },
			],
		},
		{
			operation: 'get',
			name: 'Get',
			action: 'Get a project viewer',
			description: 'Get one project viewer',
			method: 'GET',
			path: '/project-viewers/{viewerId}',
			evidence: 'documented',
			fields: [
				{ name: 'viewerId', in: 'path', kind: 'integer', required: true },
				{ name: 'workspace_id', in: 'query', kind: 'integer', required: true, locator: 'workspace' },
			],
		},
		{
			operation: 'delete',
			name: 'Delete',
			action: 'Archive a project viewer',
			description: 'Archive (soft-delete) a project viewer',
			method: 'DELETE',
			path: '/project-viewers/{viewerId}',
			evidence: 'inferred',
			// spec note: Operation seen on tag page; workspace_id placement inferred.
			fields: [
				{ name: 'viewerId', in: 'path', kind: 'integer', required: true },
				{ name: 'workspace_id', in: 'query', kind: 'integer', required: true, locator: 'workspace' },
			],
		},
		{
			operation: 'restore',
			name: 'Restore',
			action: 'Restore a project viewer',
			description: 'Restore an archived project viewer',
			method: 'POST',
			path: '/project-viewers/{viewerId}/restore',
			evidence: 'documented',
			fields: [
				{ name: 'viewerId', in: 'path', kind: 'integer', required: true },
				{ name: 'workspace_id', in: 'body', kind: 'integer', required: true, locator: 'workspace' },
			],
		},
		{
			operation: 'assignProject',
			name: 'Assign Project',
			action: 'Give a project viewer access to a project',
			description: 'Give a viewer read access to a project',
			method: 'POST',
			path: '/project-viewers/{viewerId}/assign-project',
			evidence: 'documented',
			fields: [
				{ name: 'viewerId', in: 'path', kind: 'integer', required: true },
				{ name: 'workspace_id', in: 'body', kind: 'integer', required: true, locator: 'workspace' },
				{ name: 'project_id', in: 'body', kind: 'integer', required: true, locator: 'project' },
			],
		},
		{
			operation: 'unassignProject',
			name: 'Unassign Project',
			action: 'Remove a project from a project viewer',
			description: "Revoke a viewer's access to a project",
			method: 'DELETE',
			path: '/project-viewers/{viewerId}/unassign-project',
			evidence: 'documented',
			// spec note: viewerId typed string in current docs, integer in older docs.
			fields: [
				{ name: 'viewerId', in: 'path', kind: 'integer', required: true },
				{ name: 'workspace_id', in: 'body', kind: 'integer', required: true, locator: 'workspace' },
				{ name: 'project_id', in: 'body', kind: 'integer', required: true, locator: 'project' },
			],
		},
	],
};
