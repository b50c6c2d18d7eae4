import type { ResourceSpec } from '../../shared/types';
import { additionalBody, assumedRoute, idInPath, nameField } from './fields';

/** What is assumed about every contact route. */
const assumed = assumedRoute(
	'the help menu lists contacts (address and contact details), nothing about their API',
);

export const contactsResource: ResourceSpec = {
	value: 'contact',
	name: 'Contact',
	operations: [
		{
			operation: 'getAll',
			name: 'Get Many',
			action: 'Get many contacts',
			description: 'List all contacts of the account',
			method: 'GET',
			path: '/contacts',
			clientSideLimit: true,
			evidence: 'inferredPath',
			note: assumed,
			fields: [],
		},
		{
			operation: 'get',
			name: 'Get',
			action: 'Get a contact',
			description: 'Get one contact',
			method: 'GET',
			path: '/contacts/{contactId}',
			evidence: 'inferredPath',
			note: assumed,
			fields: [idInPath('contactId')],
		},
		{
			operation: 'create',
			name: 'Create',
			action: 'Create a contact',
			description: 'Create a contact',
			method: 'POST',
			path: '/contacts',
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
			action: 'Update a contact',
			description: 'Update a contact',
			method: 'PUT',
			path: '/contacts/{contactId}',
			evidence: 'inferredPath',
			note: assumed,
			fields: [
				idInPath('contactId'),
				nameField(false),
				additionalBody(),
			],
		},
		{
			operation: 'delete',
			name: 'Delete',
			action: 'Delete a contact',
			description: 'Delete a contact',
			method: 'DELETE',
			path: '/contacts/{contactId}',
			evidence: 'inferredPath',
			note: assumed,
			fields: [idInPath('contactId')],
		},
	],
};
