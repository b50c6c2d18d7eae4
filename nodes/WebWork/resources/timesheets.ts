import { webWorkLocators } from '../locators';
import type { ResourceSpec } from '../../shared/types';
import { workspaceId } from './fields';

export const timesheetsResource: ResourceSpec = {
	value: 'timesheets',
	name: 'Timesheet',
	operations: [
		{
			operation: 'getAll',
			name: 'Get Many',
			action: 'Get many timesheets',
			description: 'List timesheets',
			method: 'GET',
			path: '/timesheets',
			pagination: { maxPerPage: 100 },
			evidence: 'documented',
			// spec note: Older docs status enum: open|submitted|rejected|approved.
			fields: [
				workspaceId('query'),
				{ name: 'id', in: 'query', kind: 'string' },
				{ name: 'status', in: 'query', kind: 'options', options: [{ name: 'Pending', value: 'pending' }, { name: 'Submitted', value: 'submitted' }, { name: 'Approved', value: 'approved' }, { name: 'Rejected', value: 'rejected' }] },
				{ name: 'date_from', in: 'query', kind: 'date' },
				{ name: 'date_to', in: 'query', kind: 'date' },
				{ name: 'user_id', in: 'query', kind: 'integer', locator: webWorkLocators.member },
				{ name: 'order_by', in: 'query', kind: 'options', options: [{ name: 'Asc', value: 'asc' }, { name: 'Desc', value: 'desc' }] },
			],
		},
		{
			operation: 'approve',
			name: 'Approve',
			action: 'Approve a timesheet',
			description: 'Approve a submitted timesheet',
			method: 'PUT',
			path: '/timesheets/{timesheetId}/approve',
			evidence: 'inferred',
			note: 'The route is documented; its body (Workspace ID) is inferred from Reject and Unsubmit.',
			// spec note: Path seen on tag page; body inferred from sibling ops.
			fields: [
				{ name: 'timesheetId', in: 'path', kind: 'string', required: true },
				workspaceId('body'),
			],
		},
		{
			operation: 'reject',
			name: 'Reject',
			action: 'Reject a timesheet',
			description: 'Reject a submitted timesheet',
			method: 'PUT',
			path: '/timesheets/{timesheetId}/reject',
			evidence: 'documented',
			fields: [
				{ name: 'timesheetId', in: 'path', kind: 'string', required: true },
				workspaceId('body'),
				{ name: 'reason', in: 'body', kind: 'string', required: true },
			],
		},
		{
			operation: 'submit',
			name: 'Submit',
			action: 'Submit a timesheet',
			description: 'Submit a timesheet',
			method: 'PUT',
			path: '/timesheets/{timesheetId}/submit',
			evidence: 'inferred',
			note: 'The route is documented; its body (Workspace ID) is inferred from Reject and Unsubmit.',
			// spec note: Path seen on tag page; body inferred from sibling ops.
			fields: [
				{ name: 'timesheetId', in: 'path', kind: 'string', required: true },
				workspaceId('body'),
			],
		},
		{
			operation: 'unsubmit',
			name: 'Unsubmit',
			action: 'Unsubmit a timesheet',
			description: 'Return a submitted timesheet to pending',
			method: 'PUT',
			path: '/timesheets/{timesheetId}/unsubmit',
			evidence: 'documented',
			fields: [
				{ name: 'timesheetId', in: 'path', kind: 'string', required: true },
				workspaceId('body'),
			],
		},
	],
};
