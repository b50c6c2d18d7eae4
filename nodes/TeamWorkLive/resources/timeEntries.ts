import type { ResourceSpec } from '../../shared/types';
import { crudResource } from './crud';
import { additionalBody } from './fields';

export const timeEntriesResource: ResourceSpec = crudResource({
	value: 'timeEntry',
	name: 'Time Entry',
	singular: 'time entry',
	plural: 'time entries',
	segment: 'timeentries',
	idName: 'timeEntryId',
	inProject: true,
	seen: 'the help pages show time entries (logged against a project, milestone, task or event, with an hourly rate), not their API; hours and date are assumed field names',
	body: (required) => [
		{ name: 'hours', in: 'body', kind: 'number', ...(required ? { required: true } : {}), description: 'Hours worked (field name and format assumed)' },
		{ name: 'date', in: 'body', kind: 'date', description: 'Day of the work, sent as YYYY-MM-DD (field name and format assumed)' },
		additionalBody(),
	],
});
