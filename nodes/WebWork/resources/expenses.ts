import { webWorkLocators } from '../locators';
import type { ResourceSpec } from '../../shared/types';
import { workspaceId } from './fields';

export const expensesResource: ResourceSpec = {
	value: 'expenses',
	name: 'Expense',
	operations: [
		{
			operation: 'getAll',
			name: 'Get Many',
			action: 'Get many expenses',
			description: 'List expenses',
			method: 'GET',
			path: '/expenses',
			pagination: { maxPerPage: 100 },
			evidence: 'documented',
			fields: [
				workspaceId('query'),
				{ name: 'id', in: 'query', kind: 'string' },
				{ name: 'date_from', in: 'query', kind: 'date' },
				{ name: 'date_to', in: 'query', kind: 'date' },
			],
		},
		{
			operation: 'create',
			name: 'Create',
			action: 'Create an expense',
			description: 'Create an expense',
			method: 'POST',
			path: '/expenses',
			evidence: 'documented',
			// spec note: Required set differs by doc variant: current rendering lists workspace_id(req), amount, category_id, description, date; secondary source says expense_name required at runtime; older docs require expense_name,date,amount,category_id.
			fields: [
				workspaceId('body'),
				{ name: 'expense_name', in: 'body', kind: 'string', required: true },
				{ name: 'date', in: 'body', kind: 'date', required: true },
				{ name: 'amount', in: 'body', kind: 'number', required: true },
				{ name: 'category_id', in: 'body', kind: 'string', required: true },
				{ name: 'project_id', in: 'body', kind: 'integer', locator: webWorkLocators.project },
				{ name: 'note', in: 'body', kind: 'string' },
				{ name: 'description', in: 'body', kind: 'string' },
				{ name: 'is_billable', in: 'body', kind: 'boolean' },
			],
		},
		{
			operation: 'update',
			name: 'Update',
			action: 'Update an expense',
			description: 'Update an expense',
			method: 'PUT',
			path: '/expenses/{expenseId}',
			evidence: 'inferred',
			note: 'The route is documented (older docs); its fields are assumed to be those of Create.',
			// spec note: Path seen (older docs curl); body fields inferred from create.
			fields: [
				{ name: 'expenseId', in: 'path', kind: 'string', required: true },
				workspaceId('body'),
				{ name: 'expense_name', in: 'body', kind: 'string' },
				{ name: 'date', in: 'body', kind: 'date' },
				{ name: 'amount', in: 'body', kind: 'number' },
				{ name: 'category_id', in: 'body', kind: 'string' },
				{ name: 'project_id', in: 'body', kind: 'integer', locator: webWorkLocators.project },
				{ name: 'note', in: 'body', kind: 'string' },
				{ name: 'is_billable', in: 'body', kind: 'boolean' },
			],
		},
		{
			operation: 'delete',
			name: 'Delete',
			action: 'Delete an expense',
			description: 'Delete an expense',
			method: 'DELETE',
			path: '/expenses/{expenseId}',
			evidence: 'inferredPath',
			// spec note: Tag text says delete exists; path/params inferred.
			fields: [
				{ name: 'expenseId', in: 'path', kind: 'string', required: true },
				workspaceId('body'),
			],
		},
		{
			operation: 'getCategories',
			name: 'Get Categories',
			action: 'Get expense categories',
			description: 'List expense categories',
			method: 'GET',
			path: '/expenses/categories',
			pagination: { maxPerPage: 100 },
			evidence: 'inferredPath',
			// spec note: Tag text says 'view expense categories'; path not found.
			fields: [
				workspaceId('query'),
			],
		},
	],
};
