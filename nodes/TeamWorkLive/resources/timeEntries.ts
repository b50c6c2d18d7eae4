import type { ResourceSpec } from '../../shared/types';
import { additionalBody, assumedRoute, idInPath, projectIdInPath } from './fields';

/** What is assumed about every time entry route. */
const assumed = assumedRoute(
	'the help pages show time entries (logged against a project, milestone, task or event, with an hourly rate), not their API; hours and date are assumed field names',
);

export const timeEntriesResource: ResourceSpec = {
	value: 'timeEntry',
	name: 'Time Entry',
	operations: [
		{
			operation: 'getAll',
			name: 'Get Many',
			action: 'Get many time entries',
			description: 'List the time entries of a project',
			method: 'GET',
			path: '/projects/{projectId}/timeentries',
			clientSideLimit: true,
			evidence: 'inferredPath',
			note: assumed,
			fields: [projectIdInPath],
		},
		{
			operation: 'get',
			name: 'Get',
			action: 'Get a time entry',
			description: 'Get one time entry',
			method: 'GET',
			path: '/timeentries/{timeEntryId}',
			evidence: 'inferredPath',
			note: assumed,
			fields: [idInPath('timeEntryId')],
		},
		{
			operation: 'create',
			name: 'Create',
			action: 'Create a time entry',
			description: 'Create a time entry in a project',
			method: 'POST',
			path: '/projects/{projectId}/timeentries',
			evidence: 'inferredPath',
			note: assumed,
			fields: [
				projectIdInPath,
				{ name: 'hours', in: 'body', kind: 'number', required: true, description: 'Hours worked (field name and format assumed)' },
				{ name: 'date', in: 'body', kind: 'date', description: 'Day of the work, sent as YYYY-MM-DD (field name and format assumed)' },
				additionalBody(),
			],
		},
		{
			operation: 'update',
			name: 'Update',
			action: 'Update a time entry',
			description: 'Update a time entry',
			method: 'PUT',
			path: '/timeentries/{timeEntryId}',
			evidence: 'inferredPath',
			note: assumed,
			fields: [
				idInPath('timeEntryId'),
				{ name: 'hours', in: 'body', kind: 'number', description: 'Hours worked (field name and format assumed)' },
				{ name: 'date', in: 'body', kind: 'date', description: 'Day of the work, sent as YYYY-MM-DD (field name and format assumed)' },
				additionalBody(),
			],
		},
		{
			operation: 'delete',
			name: 'Delete',
			action: 'Delete a time entry',
			description: 'Delete a time entry',
			method: 'DELETE',
			path: '/timeentries/{timeEntryId}',
			evidence: 'inferredPath',
			note: assumed,
			fields: [idInPath('timeEntryId')],
		},
	],
};
