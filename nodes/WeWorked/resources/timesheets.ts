import { weWorkedLocators } from '../locators';
import type { FieldSpec, ResourceSpec } from '../../shared/types';

const timesheetFields: FieldSpec[] = [
	{ name: 'userid', displayName: 'User', in: 'query', kind: 'integer', required: true, locator: weWorkedLocators.user },
	{ name: 'date', in: 'query', kind: 'date', required: true, description: 'A day of the timesheet (sent as YYYY-MM-DD)' },
];

export const timesheetsResource: ResourceSpec = {
	value: 'timesheets',
	name: 'Timesheet',
	operations: [
		{
			operation: 'getDaily',
			name: 'Get Daily',
			action: "Get a user's daily timesheet",
			description: "One user's time entries and clock actions for one day",
			method: 'GET',
			path: '/v1/timesheets/daily',
			evidence: 'documented',
			fields: timesheetFields,
		},
		{
			operation: 'getWeekly',
			name: 'Get Weekly',
			action: "Get a user's weekly timesheet",
			description: "One user's 7-day timesheet containing the date",
			method: 'GET',
			path: '/v1/timesheets/weekly',
			evidence: 'documented',
			fields: timesheetFields,
		},
	],
};
