import type { ResourceSpec } from '../../shared/types';
import { crudResource } from './crud';
import { additionalBody } from './fields';

export const budgetsResource: ResourceSpec = crudResource({
	value: 'budget',
	name: 'Budget',
	singular: 'budget',
	plural: 'budgets',
	segment: 'budgets',
	idName: 'budgetId',
	inProject: true,
	seen: 'the help pages show project budgets (fixed-hour, fixed-fee, retainers), not their API or field names, so the body is all Additional Body (JSON)',
	body: (required) => [additionalBody(required)],
});
