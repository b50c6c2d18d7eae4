import type { FieldOption, FieldSpec, ResourceSpec } from '../../shared/types';

export const TIME_STATUS_OPTIONS: FieldOption[] = [
	{ name: 'All', value: 'all' },
	{ name: 'Approved', value: 'approved' },
	{ name: 'Not Approved', value: 'notapproved' },
];

/** Both reports take the same seven required filters; the API documents no defaults, these are "everything". */
const reportFilters: FieldSpec[] = [
	{ name: 'fromdate', displayName: 'From Date', in: 'query', kind: 'date', required: true },
	{ name: 'todate', displayName: 'To Date', in: 'query', kind: 'date', required: true },
	{
		name: 'projects',
		in: 'query',
		kind: 'string',
		required: true,
		default: 'all',
		description: 'all, allactive, alldisabled, one project ID or comma-separated project IDs',
	},
	{
		name: 'users',
		in: 'query',
		kind: 'string',
		required: true,
		default: 'all',
		description: 'all, one user ID or comma-separated user IDs',
	},
	{
		name: 'taskstatus',
		displayName: 'Task Status',
		in: 'query',
		kind: 'options',
		required: true,
		default: 'all',
		options: [
			{ name: 'All', value: 'all' },
			{ name: 'Billable', value: 'billable' },
			{ name: 'Non-Billable', value: 'nonbillable' },
		],
	},
	{
		name: 'timestatus',
		displayName: 'Time Status',
		in: 'query',
		kind: 'options',
		required: true,
		default: 'all',
		options: TIME_STATUS_OPTIONS,
	},
	{
		name: 'showzeros',
		displayName: 'Show Zero-Hour Rows',
		in: 'query',
		kind: 'options',
		required: true,
		default: 0,
		options: [
			{ name: 'No', value: 0 },
			{ name: 'Yes', value: 1 },
		],
	},
];

export const reportsResource: ResourceSpec = {
	value: 'reports',
	name: 'Report',
	operations: [
		{
			operation: 'getSummary',
			name: 'Get Summary',
			action: 'Get the hours summary report',
			description: 'Hours per person and task for a period',
			method: 'GET',
			path: '/v1/reports/summary',
			clientSideLimit: true,
			evidence: 'documented',
			fields: reportFilters,
		},
		{
			operation: 'getDetailed',
			name: 'Get Detailed',
			action: 'Get the detailed time report',
			description: 'Every time line with comments for a period',
			method: 'GET',
			path: '/v1/reports/detailed',
			clientSideLimit: true,
			evidence: 'documented',
			fields: reportFilters,
		},
	],
};
