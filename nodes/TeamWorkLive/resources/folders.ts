import type { ResourceSpec } from '../../shared/types';
import { additionalBody, assumedRoute, idInPath, nameField, projectIdInPath } from './fields';

/** What is assumed about every folder route. */
const assumed = assumedRoute(
	'the help menu lists folders (items sit in folders), nothing about their API',
);

export const foldersResource: ResourceSpec = {
	value: 'folder',
	name: 'Folder',
	operations: [
		{
			operation: 'getAll',
			name: 'Get Many',
			action: 'Get many folders',
			description: 'List the folders of a project',
			method: 'GET',
			path: '/projects/{projectId}/folders',
			clientSideLimit: true,
			evidence: 'inferredPath',
			note: assumed,
			fields: [projectIdInPath],
		},
		{
			operation: 'get',
			name: 'Get',
			action: 'Get a folder',
			description: 'Get one folder',
			method: 'GET',
			path: '/folders/{folderId}',
			evidence: 'inferredPath',
			note: assumed,
			fields: [idInPath('folderId')],
		},
		{
			operation: 'create',
			name: 'Create',
			action: 'Create a folder',
			description: 'Create a folder in a project',
			method: 'POST',
			path: '/projects/{projectId}/folders',
			evidence: 'inferredPath',
			note: assumed,
			fields: [
				projectIdInPath,
				nameField(true),
				additionalBody(),
			],
		},
		{
			operation: 'update',
			name: 'Update',
			action: 'Update a folder',
			description: 'Update a folder',
			method: 'PUT',
			path: '/folders/{folderId}',
			evidence: 'inferredPath',
			note: assumed,
			fields: [
				idInPath('folderId'),
				nameField(false),
				additionalBody(),
			],
		},
		{
			operation: 'delete',
			name: 'Delete',
			action: 'Delete a folder',
			description: 'Delete a folder',
			method: 'DELETE',
			path: '/folders/{folderId}',
			evidence: 'inferredPath',
			note: assumed,
			fields: [idInPath('folderId')],
		},
	],
};
