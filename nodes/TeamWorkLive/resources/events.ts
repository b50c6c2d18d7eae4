import type { ResourceSpec } from '../../shared/types';
import { additionalBody, assumedRoute, contentField, idInPath, nameField, projectIdInPath } from './fields';

/** What is assumed about every calendar event route. */
const assumed = assumedRoute(
	'the help pages show calendar events (with reminders and time entries), not their API',
);

export const eventsResource: ResourceSpec = {
	value: 'event',
	name: 'Calendar Event',
	operations: [
		{
			operation: 'getAll',
			name: 'Get Many',
			action: 'Get many calendar events',
			description: 'List the calendar events of a project',
			method: 'GET',
			path: '/projects/{projectId}/events',
			clientSideLimit: true,
			evidence: 'inferredPath',
			note: assumed,
			fields: [projectIdInPath],
		},
		{
			operation: 'get',
			name: 'Get',
			action: 'Get a calendar event',
			description: 'Get one calendar event',
			method: 'GET',
			path: '/events/{eventId}',
			evidence: 'inferredPath',
			note: assumed,
			fields: [idInPath('eventId')],
		},
		{
			operation: 'create',
			name: 'Create',
			action: 'Create a calendar event',
			description: 'Create a calendar event in a project',
			method: 'POST',
			path: '/projects/{projectId}/events',
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
			action: 'Update a calendar event',
			description: 'Update a calendar event',
			method: 'PUT',
			path: '/events/{eventId}',
			evidence: 'inferredPath',
			note: assumed,
			fields: [
				idInPath('eventId'),
				nameField(false),
				contentField,
				additionalBody(),
			],
		},
		{
			operation: 'delete',
			name: 'Delete',
			action: 'Delete a calendar event',
			description: 'Delete a calendar event',
			method: 'DELETE',
			path: '/events/{eventId}',
			evidence: 'inferredPath',
			note: assumed,
			fields: [idInPath('eventId')],
		},
	],
};
