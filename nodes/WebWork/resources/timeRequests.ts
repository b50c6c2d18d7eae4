import { webWorkLocators } from '../locators';
import type { ResourceSpec } from '../../shared/types';
import { workspaceId } from './fields';

export const timeRequestsResource: ResourceSpec = {
	value: 'timeRequests',
	name: 'Time Request',
	operations: [
		{
			operation: 'getAll',
			name: 'Get Many',
			action: 'Get many time requests',
			description: 'List manual time requests',
			method: 'GET',
			path: '/time-requests',
			pagination: { maxPerPage: 100 },
			evidence: 'documented',
			// spec note: date_from/date_to required per secondary source; status enum inferred from object schema.
			fields: [
				workspaceId('query'),
				{ name: 'date_from', in: 'query', kind: 'date', required: true },
				{ name: 'date_to', in: 'query', kind: 'date', required: true },
				{ name: 'status', in: 'query', kind: 'options', options: [{ name: 'Pending', value: 'pending' }, { name: 'Approved', value: 'approved' }, { name: 'Rejected', value: 'rejected' }] },
			],
		},
		{
			operation: 'create',
			name: 'Create',
			action: 'Create a time request',
			description: 'Create a manual time request (may auto-approve)',
			method: 'POST',
			path: '/time-requests',
			evidence: 'documented',
			// spec note: Older docs: contract_id required and 'notes' instead of activity_description. 201 data {id, status}.
			fields: [
				workspaceId('body'),
				{ name: 'user_id', in: 'body', kind: 'integer', required: true, locator: webWorkLocators.member },
				{ name: 'contract_id', in: 'body', kind: 'integer', locator: webWorkLocators.contract },
				{ name: 'start', in: 'body', kind: 'dateTime', required: true },
				{ name: 'end', in: 'body', kind: 'dateTime', required: true },
				{ name: 'activity_description', in: 'body', kind: 'string' },
				{ name: 'task_id', in: 'body', kind: 'integer', locator: webWorkLocators.task },
			],
		},
		{
			operation: 'approve',
			name: 'Approve',
			action: 'Approve a time request',
			description: 'Approve a pending time request',
			method: 'POST',
			path: '/time-requests/{timeRequestId}/approve',
			evidence: 'documented',
			fields: [
				{ name: 'timeRequestId', in: 'path', kind: 'string', required: true },
				workspaceId('body'),
			],
		},
		{
			operation: 'reject',
			name: 'Reject',
			action: 'Reject a time request',
			description: 'Reject a pending time request',
			method: 'POST',
			path: '/time-requests/{timeRequestId}/reject',
			evidence: 'documented',
			fields: [
				{ name: 'timeRequestId', in: 'path', kind: 'string', required: true },
				workspaceId('body'),
				{ name: 'comment', in: 'body', kind: 'string', required: true },
			],
		},
		{
			operation: 'get',
			name: 'Get',
			action: 'Get a time request',
			description: 'Get one time request',
			method: 'GET',
			path: '/time-requests/{id}',
			evidence: 'documented',
			fields: [
				{ name: 'id', in: 'path', kind: 'string', required: true },
				workspaceId('query'),
			],
		},
	],
};
