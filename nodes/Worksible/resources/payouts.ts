import type { ResourceSpec } from '../../shared/types';
import type { Names } from './builders';
import { getAllOperation, getOperation } from './builders';

const names: Names = { plural: 'payouts', singular: 'payout', idName: 'payoutId' };

/** Confirmed by name only (spec §11.8). Read-only: money movements are not assumed to be created by API. */
export const payoutsResource: ResourceSpec = {
	value: 'payouts',
	name: 'Payout',
	operations: [getAllOperation(names), getOperation(names)],
};
