import type { IDataObject, INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { credentialSettings } from '../shared/credentialSettings';
import { fetchPages } from '../shared/pagination';
import type { SnapshotSource } from '../shared/polling';
import { emitExistingRecordsOption, keyByIdOrContent, pollSnapshots } from '../shared/polling';
import { toRecord } from '../shared/responses';
import { listRoute } from './listRoute';
import { WORKSIBLE_REQUESTS_PER_MINUTE, worksiblePaging, worksibleProfile } from './profile';
import { MAX_PER_PAGE } from './resources/builders';
import { worksibleResources } from './resources';

const DEFAULT_MAX_RECORDS = 10_000;

/** Every resource with a list (Get Many) can be watched. */
const RESOURCE_OPTIONS = worksibleResources
	.filter((resource) => resource.operations.some((operation) => operation.operation === 'getAll'))
	.map((resource) => ({ name: resource.name, value: resource.value }))
	.sort((a, b) => a.name.localeCompare(b.name));

const EVENTS = { added: 'newRecord', changed: 'changedRecord' } as const;

/**
 * Worksible has no webhooks yet (spec §9: roadmap) and no documented change cursor or timestamp filter (§11.10),
 * so each poll reads the whole list (bounded by Max Records) and compares it with the previous one: a record
 * whose ID was not there is new, one whose content differs is changed (its `updated_at` included, when the API
 * sends one), one that disappeared is forgotten. State: one short fingerprint per ID, the size of the list.
 */
export class WorksibleTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Worksible Trigger',
		name: 'worksibleTrigger',
		icon: { light: 'file:../../icons/worksible.svg', dark: 'file:../../icons/worksible.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["resource"] + ": " + $parameter["events"].join(", ")}}',
		description: 'Starts the workflow when Worksible records are created or changed',
		defaults: { name: 'Worksible Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'worksibleApi', required: true }],
		properties: [
			{
				displayName:
					'Each check reads the whole list: N records cost ceil(N / 100) requests (5,000 invoices: 50 requests). Pick a poll interval that keeps this within your plan\'s rate limit (the credential\'s Requests per Minute, shared with every other Worksible node using it); every 5 minutes is a good start.',
				name: 'budgetNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				default: 'invoices',
				options: RESOURCE_OPTIONS,
				description: 'Which list to watch',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				default: [EVENTS.added],
				options: [
					{ name: 'Changed Record', value: EVENTS.changed, description: 'A listed record whose content differs from the last check' },
					{ name: 'New Record', value: EVENTS.added, description: 'A record whose ID was not listed at the last check' },
				],
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add option',
				default: {},
				options: [
					emitExistingRecordsOption,
					{
						displayName: 'Max Records',
						name: 'maxRecords',
						type: 'number',
						default: DEFAULT_MAX_RECORDS,
						typeOptions: { minValue: 1, maxValue: 100_000 },
						description:
							'How many records of the list (newest first, as Worksible lists them) each poll reads and tracks at most; this bounds both the requests per poll and the remembered state',
					},
				],
			},
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const resource = this.getNodeParameter('resource') as string;
		const events = this.getNodeParameter('events', []) as string[];
		const options = this.getNodeParameter('options', {}) as IDataObject;
		if (!events.length) throw new NodeOperationError(this.getNode(), 'Choose at least one event');
		const maxRecords = Math.max(1, Math.floor(Number(options.maxRecords) || DEFAULT_MAX_RECORDS));
		const route = await listRoute(this, resource);
		const request = { method: route.method, path: route.path };

		const credentials = await credentialSettings(this, worksibleProfile.credentialType(this));
		const perMinute = Number(credentials.requestsPerMinute) || WORKSIBLE_REQUESTS_PER_MINUTE;
		const source: SnapshotSource = {
			// The route is part of the name: pointing the trigger at another list starts afresh, silently.
			name: `${resource}:${route.method} ${route.path}`,
			fetch: async () => {
				// One record past the bound, so diffSnapshots can tell (and log) that the list is longer.
				const { records, bodies } = await fetchPages.call(
					this,
					worksibleProfile,
					worksiblePaging,
					request,
					{ limit: maxRecords + 1, maxPerPage: MAX_PER_PAGE },
					0,
				);
				if (bodies.length > perMinute) {
					this.logger.warn(
						`Worksible Trigger: one poll of ${resource} took ${bodies.length} requests, more than the ${perMinute} per minute the credential allows; poll less often or lower Max Records`,
					);
				}
				return records.map(toRecord);
			},
			// One small request: a manual run shows one record and touches no state.
			sample: async () => {
				const { records } = await fetchPages.call(this, worksibleProfile, worksiblePaging, request, { limit: 1, maxPerPage: MAX_PER_PAGE }, 0);
				return records.map(toRecord);
			},
			key: (record) => keyByIdOrContent(record.id, record),
			emit: {
				added: events.includes(EVENTS.added) ? EVENTS.added : undefined,
				changed: events.includes(EVENTS.changed) ? EVENTS.changed : undefined,
			},
		};
		return await pollSnapshots.call(this, [source], { emitExisting: Boolean(options.emitExisting), maxRecords });
	}
}
