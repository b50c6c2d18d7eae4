import type { ResourceSpec } from '../../shared/types';
import type { Names } from './builders';
import { getAllOperation, getOperation } from './builders';

const names: Names = { plural: 'payments', singular: 'payment', idName: 'paymentId' };

/** Confirmed by name only (spec §11.7). Read-only: money movements are not assumed to be created by API. */
export const paymentsResource: ResourceSpec = {
	value: 'payments',
	name: 'Payment',
	operations: [getAllOperation(names), getOperation(names)],
};
