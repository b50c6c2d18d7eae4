import type { ResourceSpec } from '../../shared/types';
import { additionalBody, assumedRoute, idInPath, nameField } from './fields';

/** What is assumed about every user route. */
const assumed = assumedRoute(
	'the help pages show users invited by name and e-mail as team members or clients, not their API',
);

export const usersResource: ResourceSpec = {
	value: 'user',
	name: 'User',
	operations: [
		{
			operation: 'getAll',
			name: 'Get Many',
			action: 'Get many users',
			description: 'List all users of the account',
			method: 'GET',
			path: '/users',
			clientSideLimit: true,
			evidence: 'inferredPath',
			note: assumed,
			fields: [],
		},
		{
			operation: 'get',
			name: 'Get',
			action: 'Get a user',
			description: 'Get one user',
			method: 'GET',
			path: '/users/{userId}',
			evidence: 'inferredPath',
			note: assumed,
			fields: [idInPath('userId', 'user')],
		},
		{
			operation: 'create',
			name: 'Create',
			action: 'Create a user',
			description: 'Create a user',
			method: 'POST',
			path: '/users',
			evidence: 'inferredPath',
			note: assumed,
			fields: [
				nameField(true),
				{ name: 'email', in: 'body', kind: 'string', required: true, description: 'E-mail address (field name assumed; users are invited by name and e-mail)' },
				additionalBody(),
			],
		},
		{
			operation: 'update',
			name: 'Update',
			action: 'Update a user',
			description: 'Update a user',
			method: 'PUT',
			path: '/users/{userId}',
			evidence: 'inferredPath',
			note: assumed,
			fields: [
				idInPath('userId', 'user'),
				nameField(false),
				{ name: 'email', in: 'body', kind: 'string', description: 'E-mail address (field name assumed; users are invited by name and e-mail)' },
				additionalBody(),
			],
		},
		{
			operation: 'delete',
			name: 'Delete',
			action: 'Delete a user',
			description: 'Delete a user',
			method: 'DELETE',
			path: '/users/{userId}',
			evidence: 'inferredPath',
			note: assumed,
			fields: [idInPath('userId', 'user')],
		},
	],
};
