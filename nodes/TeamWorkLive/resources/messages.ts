import type { ResourceSpec } from '../../shared/types';
import { additionalBody, assumedRoute, contentField, idInPath, nameField, projectIdInPath } from './fields';

/** What is assumed about every message route. */
const assumed = assumedRoute(
	'the help menu lists messages, nothing about their API or fields',
);

export const messagesResource: ResourceSpec = {
	value: 'message',
	name: 'Message',
	operations: [
		{
			operation: 'getAll',
			name: 'Get Many',
			action: 'Get many messages',
			description: 'List the messages of a project',
			method: 'GET',
			path: '/projects/{projectId}/messages',
			clientSideLimit: true,
			evidence: 'inferredPath',
			note: assumed,
			fields: [projectIdInPath],
		},
		{
			operation: 'get',
			name: 'Get',
			action: 'Get a message',
			description: 'Get one message',
			method: 'GET',
			path: '/messages/{messageId}',
			evidence: 'inferredPath',
			note: assumed,
			fields: [idInPath('messageId')],
		},
		{
			operation: 'create',
			name: 'Create',
			action: 'Create a message',
			description: 'Create a message in a project',
			method: 'POST',
			path: '/projects/{projectId}/messages',
			evidence: 'inferredPath',
			note: assumed,
			fields: [
				projectIdInPath,
				nameField(true),
				contentField,
				additionalBody(),
			],
		},
		{
			operation: 'update',
			name: 'Update',
			action: 'Update a message',
			description: 'Update a message',
			method: 'PUT',
			path: '/messages/{messageId}',
			evidence: 'inferredPath',
			note: assumed,
			fields: [
				idInPath('messageId'),
				nameField(false),
				contentField,
				additionalBody(),
			],
		},
		{
			operation: 'delete',
			name: 'Delete',
			action: 'Delete a message',
			description: 'Delete a message',
			method: 'DELETE',
			path: '/messages/{messageId}',
			evidence: 'inferredPath',
			note: assumed,
			fields: [idInPath('messageId')],
		},
	],
};
