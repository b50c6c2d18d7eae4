import { webWorkLocators } from '../locators';
import type { ResourceSpec } from '../../shared/types';
import { workspaceId } from './fields';

export const leavesResource: ResourceSpec = {
	value: 'leaves',
	name: 'Leave',
	operations: [
		{
			operation: 'getAll',
			name: 'Get Many',
			action: 'Get many leave requests',
			description: 'List leave requests',
			method: 'GET',
			path: '/leaves',
			pagination: { maxPerPage: 100 },
			evidence: 'documented',
			// spec note: Requires oauth scope read.
			fields: [
				workspaceId('query'),
				{ name: 'id', in: 'query', kind: 'string' },
				{ name: 'user_id', in: 'query', kind: 'integer', locator: webWorkLocators.member },
				{ name: 'policy_id', in: 'query', kind: 'integer' },
				{ name: 'is_paid', in: 'query', kind: 'options', options: [{ name: 'Yes', value: 'yes' }, { name: 'No', value: 'no' }] },
				{ name: 'status', in: 'query', kind: 'options', options: [{ name: 'Pending', value: 'pending' }, { name: 'Approved', value: 'approved' }, { name: 'Rejected', value: 'rejected' }] },
				{ name: 'date_from', in: 'query', kind: 'date' },
				{ name: 'date_to', in: 'query', kind: 'date' },
			],
		},
		{
			operation: 'create',
			name: 'Create',
			action: 'Create a leave request',
			description: 'Request leave for a user',
			method: 'POST',
			path: '/leaves',
			evidence: 'documented',
			// spec note: start_time/end_time/hours_per_day required for hour-based policies. 201.
			fields: [
				workspaceId('body'),
				{ name: 'policy_id', in: 'body', kind: 'integer', required: true },
				{ name: 'start', in: 'body', kind: 'date', required: true },
				{ name: 'end', in: 'body', kind: 'date', required: true },
				{ name: 'user_id', in: 'body', kind: 'integer', required: true, locator: webWorkLocators.member },
				{ name: 'start_time', in: 'body', kind: 'time' },
				{ name: 'end_time', in: 'body', kind: 'time' },
				{ name: 'hours_per_day', in: 'body', kind: 'number' },
				{ name: 'leave_period', in: 'body', kind: 'options', options: [{ name: 'Full Day', value: 0 }, { name: 'First Half', value: 1 }, { name: 'Second Half', value: 2 }] },
				{ name: 'reason', in: 'body', kind: 'string' },
			],
		},
		{
			operation: 'getBalances',
			name: 'Get Balances',
			action: 'Get leave balances',
			description: 'Leave balances per user',
			method: 'GET',
			path: '/leaves/balances',
			pagination: { maxPerPage: 100 },
			evidence: 'documented',
			fields: [
				workspaceId('query'),
				{ name: 'date_from', in: 'query', kind: 'date', required: true },
				{ name: 'date_to', in: 'query', kind: 'date', required: true },
				{ name: 'user_id', in: 'query', kind: 'integer', locator: webWorkLocators.member },
			],
		},
		{
			operation: 'getPolicies',
			name: 'Get Policies',
			action: 'Get leave policies',
			description: 'List leave policies',
			method: 'GET',
			path: '/leaves/policies',
			evidence: 'inferredPath',
			// spec note: Operation page /api/leaves/getleavepolicies exists; path and params not confirmed.
			fields: [
				workspaceId('query'),
			],
		},
		{
			operation: 'approve',
			name: 'Approve',
			action: 'Approve a leave request',
			description: 'Approve a leave request (older docs only)',
			method: 'PUT',
			path: '/leaves/{leaveId}/approve',
			evidence: 'inferredPath',
			// spec note: Mentioned in older tag description; method/path not found. Legacy v1 used PUT /rest-api/leaves/approve/{id}.
			fields: [
				{ name: 'leaveId', in: 'path', kind: 'string', required: true },
				workspaceId('body'),
			],
		},
		{
			operation: 'reject',
			name: 'Reject',
			action: 'Reject a leave request',
			description: 'Reject a leave request (older docs only)',
			method: 'PUT',
			path: '/leaves/{leaveId}/reject',
			evidence: 'inferredPath',
			// spec note: Mentioned in older tag description; method/path not found. Legacy v1 used PUT /rest-api/leaves/reject/{id} with reason.
			fields: [
				{ name: 'leaveId', in: 'path', kind: 'string', required: true },
				workspaceId('body'),
				{ name: 'reason', in: 'body', kind: 'string', required: true },
			],
		},
	],
};
