import type { ResourceSpec } from '../../shared/types';
import type { Names } from './builders';
import { bodyReference, createOperation, deleteOperation, getAllOperation, getOperation, updateOperation } from './builders';

const names: Names = { plural: 'timesheets', singular: 'timesheet', idName: 'timesheetId' };

/** Confirmed by name only (spec §11.9). Submitting / approving is assumed to be an Update of a status field. */
export const timesheetsResource: ResourceSpec = {
	value: 'timesheets',
	name: 'Timesheet',
	operations: [
		getAllOperation(names),
		getOperation(names),
		createOperation(names, [bodyReference('contract_id', 'contract')]),
		updateOperation(names),
		deleteOperation(names),
	],
};
