import type { FieldOption, ResourceSpec } from '../../shared/types';

/** The documented `status` filter values (lower case; records carry capitalised `statusName`). */
export const EXPENSE_STATUS_OPTIONS: FieldOption[] = [
	{ name: 'All', value: 'all' },
	{ name: 'Approved', value: 'approved' },
	{ name: 'Invoiced', value: 'invoiced' },
	{ name: 'Pending', value: 'pending' },
];

export const expensesResource: ResourceSpec = {
	value: 'expenses',
	name: 'Expense',
	operations: [
		{
			operation: 'getAll',
			name: 'Get Many',
			action: 'Get many expenses',
			description: 'List expenses with a given status',
			method: 'GET',
			path: '/v1/expenses',
			clientSideLimit: true,
			evidence: 'documented',
			fields: [
				{
					name: 'status',
					in: 'query',
					kind: 'options',
					required: true,
					default: 'all',
					description: 'Required by the API (its own example omits it; this node always sends it)',
					options: EXPENSE_STATUS_OPTIONS,
				},
			],
		},
		{
			operation: 'get',
			name: 'Get',
			action: 'Get an expense',
			description: 'Get one expense by ID',
			method: 'GET',
			path: '/v1/expenses/{id}',
			evidence: 'documented',
			fields: [{ name: 'id', displayName: 'Expense ID', in: 'path', kind: 'integer', required: true }],
		},
	],
};
