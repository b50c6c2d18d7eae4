import type { ResourceSpec } from '../../shared/types';
import { projectId, workspaceId } from './fields';

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
				workspaceId('query'),
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
				workspaceId('body'),
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
				workspaceId('query'),
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
			note: 'The docs list this operation but not its parameters; Workspace ID is sent as a query parameter like its siblings.',
			// spec note: Operation seen on tag page; workspace_id placement inferred.
			fields: [
				{ name: 'viewerId', in: 'path', kind: 'integer', required: true },
				workspaceId('query'),
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
				workspaceId('body'),
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
				workspaceId('body'),
				projectId('body'),
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
				workspaceId('body'),
				projectId('body'),
			],
		},
	],
};
