import type {
	IDataObject,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import type { PollSource } from '../shared/polling';
import { DEFAULT_POLL_OPTIONS, pollSources, sampleOf, triggerOutput } from '../shared/polling';
import { nextOf, readPage } from '../shared/pagination';
import { fieldProperty } from '../shared/properties';
import { webWorkAuthentication, webWorkCredentials, workspaceField } from './common';
import { listSearch } from './methods/listSearch';
import { webWorkPaging, webWorkProfile } from './profile';

const PAGE_SIZE = 100;
const DAY_MS = 24 * 60 * 60 * 1000;

interface ApprovalEvent {
	value: string;
	name: string;
	description: string;
	path: string;
	/** Filters that select what waits for a decision. */
	query(lookbackDays: number): IDataObject;
	/** The query depends on the look-back window (so it belongs in the cursor's name). */
	lookback?: boolean;
	/** Which time marks a new occurrence. */
	time(record: IDataObject): string | undefined;
	key?(record: IDataObject): string;
}

const isoDate = (time: number) => new Date(time).toISOString().slice(0, 10);
const text = (value: unknown) => (typeof value === 'string' && value ? value : undefined);

/** What each event lists; the node's hint and the README state the same. */
const EVENTS: ApprovalEvent[] = [
	{
		value: 'timeRequestPending',
		name: 'New Time Request Pending',
		description: 'GET /time-requests?status=pending over the look-back window (the API requires a date range)',
		path: '/time-requests',
		// date_from/date_to are required and filter the requested time, so look back from today.
		lookback: true,
		query: (days) => ({ status: 'pending', date_from: isoDate(Date.now() - days * DAY_MS), date_to: isoDate(Date.now() + DAY_MS) }),
		time: (r) => text(r.created_at),
	},
	{
		value: 'timesheetSubmitted',
		name: 'Timesheet Submitted',
		description: 'GET /timesheets?status=submitted, oldest first; a re-submission counts again',
		path: '/timesheets',
		query: () => ({ status: 'submitted', order_by: 'asc' }),
		time: (r) => text(r.submitted_on) ?? text(r.created_at),
		key: (r) => `${String(r.id)}@${String(r.submitted_on ?? '')}`,
	},
	{
		value: 'leaveRequested',
		name: 'Leave Requested',
		description: 'GET /leaves?status=pending',
		path: '/leaves',
		query: () => ({ status: 'pending' }),
		time: (r) => text(r.created_at),
	},
	{
		value: 'expenseSubmitted',
		name: 'Expense Submitted',
		description:
			'GET /expenses dated within the look-back window: the API documents no expense status, so every new expense counts',
		path: '/expenses',
		lookback: true,
		query: (days) => ({ date_from: isoDate(Date.now() - days * DAY_MS) }),
		time: (r) => text(r.created_at) ?? text(r.added_dte),
	},
];

function sourceFor(context: IPollFunctions, event: ApprovalEvent, workspaceId: string, lookbackDays: number): PollSource {
	return {
		event: event.value,
		cursorKey: `${event.value}:${workspaceId}${event.lookback ? `:${lookbackDays}d` : ''}`,
		async fetchPage(page) {
			const read = await readPage.call(
				context,
				webWorkProfile,
				webWorkPaging,
				{ method: 'GET', path: event.path, qs: { workspace_id: workspaceId, ...event.query(lookbackDays) } },
				page,
				PAGE_SIZE,
			);
			return { records: read.records as IDataObject[], done: nextOf(read) === undefined };
		},
		key: event.key ?? ((record) => String(record.id)),
		time: event.time,
	};
}

export class WebWorkApprovalsTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'WebWork Approvals Trigger',
		name: 'webWorkApprovalsTrigger',
		icon: { light: 'file:../../icons/webwork.svg', dark: 'file:../../icons/webwork.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["events"].join(", ")}}',
		description: 'Starts the workflow when time requests, timesheets, leave or expenses wait for a decision',
		defaults: { name: 'WebWork Approvals Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: webWorkCredentials,
		properties: [
			webWorkAuthentication,
			{
				displayName:
					'Checks WebWork on the schedule above and emits each item waiting for a decision once.',
				name: 'pollingNotice',
				type: 'notice',
				default: '',
			},
			fieldProperty(workspaceField),
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				default: ['timeRequestPending', 'timesheetSubmitted'],
				options: [...EVENTS]
					.sort((a, b) => a.name.localeCompare(b.name))
					.map(({ name, value, description }) => ({ name, value, description })),
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add option',
				default: {},
				options: [
					{
						displayName: 'Emit Existing Items on First Poll',
						name: 'emitExisting',
						type: 'boolean',
						default: false,
						description:
							'Whether the first poll after activation emits what is already waiting; by default it only remembers it',
					},
					{
						displayName: 'Look Back (Days)',
						name: 'lookbackDays',
						type: 'number',
						default: 31,
						typeOptions: { minValue: 1 },
						description: 'How far back time requests and expenses are listed (their list needs a date range)',
					},
					{
						displayName: 'Max Pages per Poll',
						name: 'maxPagesPerPoll',
						type: 'number',
						default: 5,
						typeOptions: { minValue: 1 },
						description: `Pages of ${PAGE_SIZE} read per event and poll (an idle poll reads one page per event); a larger backlog continues on the next poll`,
					},
				],
			},
		],
	};

	methods = { listSearch };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const workspaceId = String(this.getNodeParameter('workspaceId', undefined, { extractValue: true }) ?? '').trim();
		if (!/^\d+$/.test(workspaceId)) {
			throw new NodeOperationError(this.getNode(), `"Workspace" must be a workspace ID, got "${workspaceId}"`);
		}
		const selected = this.getNodeParameter('events', []) as string[];
		const options = this.getNodeParameter('options', {}) as IDataObject;
		const lookbackDays = Number(options.lookbackDays) || 31;
		const events = EVENTS.filter((event) => selected.includes(event.value));
		if (!events.length) throw new NodeOperationError(this.getNode(), 'Choose at least one event');
		const sources = events.map((event) => sourceFor(this, event, workspaceId, lookbackDays));

		if (this.getMode() === 'manual') {
			// A sample of what an execution looks like, without moving the cursor.
			return await sampleOf(sources.map((source) => ({ event: source.event, read: async () => (await source.fetchPage(1)).records })));
		}

		const emitted = await pollSources.call(this, sources, {
			...DEFAULT_POLL_OPTIONS,
			emitExisting: Boolean(options.emitExisting),
			maxPagesPerPoll: Number(options.maxPagesPerPoll) || DEFAULT_POLL_OPTIONS.maxPagesPerPoll,
		});
		return triggerOutput(emitted);
	}
}
