import type { ResourceSpec } from '../../shared/types';
import type { Names } from './builders';
import { bodyReference, createOperation, getAllOperation, getOperation, updateOperation } from './builders';

const names: Names = { plural: 'invoices', singular: 'invoice', idName: 'invoiceId', entity: 'invoice' };

/**
 * Confirmed by name only (spec §11.6). The web app shows an invoice number, concept, type (issued/received),
 * project, payment, date and total, but the API's field names are unknown: only the project reference is named.
 * No Delete: issued invoices carry a unique number and are voided rather than deleted.
 */
export const invoicesResource: ResourceSpec = {
	value: 'invoices',
	name: 'Invoice',
	operations: [
		getAllOperation(names),
		getOperation(names),
		createOperation(names, [bodyReference('project_id', 'project')]),
		updateOperation(names),
	],
};
