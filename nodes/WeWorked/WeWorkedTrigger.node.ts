import type { IDataObject, INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import type { SnapshotSource } from '../shared/polling';
import { emitExistingRecordsOption, pollSnapshots } from '../shared/polling';
import { apiRequest } from '../shared/transport';
import { weWorkedProfile } from './profile';
import { EXPENSE_STATUS_OPTIONS } from './resources/expenses';
import { TIME_STATUS_OPTIONS } from './resources/reports';
import { isListAnswer, recordsOf, simplifyRecord } from './simplify';

const DAY_MS = 24 * 60 * 60 * 1000;

interface WatchedList {
	/** The list call; its records are simplified (typed, grouped lists flattened with `status`). */
	path: string;
	query?(options: IDataObject): IDataObject;
	/** Key of one record; time lines have no id, so theirs is composite. */
	key(record: IDataObject): string;
	added?: { value: string; name: string };
	changed?: { value: string; name: string };
}

/** One list call per entry; the events say which differences to emit. */
const LISTS: Record<string, WatchedList> = {
	clients: {
		path: '/v1/clients',
		key: (r) => String(r.clientId),
		added: { value: 'newClient', name: 'New Client' },
		changed: { value: 'changedClient', name: 'Changed Client' },
	},
	projects: {
		path: '/v1/projects',
		key: (r) => String(r.projectId),
		added: { value: 'newProject', name: 'New Project' },
		changed: { value: 'changedProject', name: 'Changed Project (Incl. Archived)' },
	},
	users: {
		path: '/v1/users',
		key: (r) => String(r.userId),
		added: { value: 'newUser', name: 'New User' },
		changed: { value: 'changedUser', name: 'Changed User (Incl. Activated, Disabled)' },
	},
	invoices: {
		path: '/v1/invoices',
		key: (r) => String(r.invoiceId),
		added: { value: 'newInvoice', name: 'New Invoice' },
		changed: { value: 'changedInvoice', name: 'Changed Invoice (Incl. Paid)' },
	},
	expenses: {
		path: '/v1/expenses',
		query: (options) => ({ status: options.expenseStatus || 'all' }),
		key: (r) => String(r.expenseId),
		added: { value: 'newExpense', name: 'New Expense' },
		changed: { value: 'changedExpense', name: 'Changed Expense (Incl. Status)' },
	},
	time: {
		path: '/v1/reports/detailed',
		query: (options) => {
			const days = Number(options.timeWindowDays) || 7;
			const iso = (time: number) => new Date(time).toISOString().slice(0, 10);
			return {
				fromdate: iso(Date.now() - (days - 1) * DAY_MS),
				todate: iso(Date.now() + DAY_MS), // the API's "today" may run ahead of n8n's
				projects: 'all',
				users: 'all',
				showzeros: 0,
				taskstatus: 'all',
				timestatus: options.timeStatus || 'all',
			};
		},
		key: (r) => [r.userId, r.date, r.projectId, r.taskId].join('|'),
		added: { value: 'newTime', name: 'New Time on the Detailed Report' },
	},
};

const EVENT_OPTIONS = Object.values(LISTS)
	.flatMap((list) => [list.added, list.changed])
	.filter((option): option is { value: string; name: string } => option !== undefined)
	.sort((a, b) => a.name.localeCompare(b.name));

function sourceFor(context: IPollFunctions, name: string, list: WatchedList, events: string[], options: IDataObject): SnapshotSource {
	const occurrences = new Map<string, number>();
	return {
		// Settings that change what the list returns are part of the name: a change starts afresh, silently.
		name:
			name === 'expenses'
				? `expenses:${String(options.expenseStatus || 'all')}`
				: name === 'time'
					? `time:${String(options.timeStatus || 'all')}:${Number(options.timeWindowDays) || 7}d`
					: name,
		async fetch() {
			const { body } = await apiRequest.call(context, weWorkedProfile, {
				method: 'GET',
				path: list.path,
				qs: list.query?.(options),
			});
			// A 2xx that is not a list must fail the poll: read as one record, it would replace the whole list.
			if (!isListAnswer(body)) {
				throw new NodeOperationError(context.getNode(), `WeWorked answered GET ${list.path} with a body that is not a list`, {
					description: 'Expected a JSON array or a group container such as {"Active": [...]}; nothing was emitted and the trigger remembers what it saw before.',
				});
			}
			occurrences.clear();
			return recordsOf(body).map(({ record, group }) => simplifyRecord(record, group));
		},
		key(record) {
			// Two time lines can share user, day, project and task: number them in report order.
			const base = list.key(record);
			const seen = occurrences.get(base) ?? 0;
			occurrences.set(base, seen + 1);
			return seen ? `${base}#${seen}` : base;
		},
		emit: {
			added: list.added && events.includes(list.added.value) ? list.added.value : undefined,
			changed: list.changed && events.includes(list.changed.value) ? list.changed.value : undefined,
		},
	};
}

export class WeWorkedTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'WeWorked Trigger',
		name: 'weWorkedTrigger',
		icon: { light: 'file:../../icons/weworked.svg', dark: 'file:../../icons/weworked.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["events"].join(", ")}}',
		description: 'Starts the workflow when WeWorked clients, projects, users, invoices, expenses or time change',
		defaults: { name: 'WeWorked Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'weWorkedApi', required: true }],
		properties: [
			{
				displayName:
					'Checks WeWorked on the schedule above (one call per watched list) and emits what is new or changed since the last check.',
				name: 'pollingNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				default: ['newInvoice'],
				options: EVENT_OPTIONS,
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
						displayName: 'Expense Status',
						name: 'expenseStatus',
						type: 'options',
						default: 'all',
						options: EXPENSE_STATUS_OPTIONS,
						description: 'Which expenses the expense events watch',
					},
					{
						displayName: 'Time Status',
						name: 'timeStatus',
						type: 'options',
						default: 'all',
						options: TIME_STATUS_OPTIONS,
						description: 'Which time lines "New Time" watches',
					},
					{
						displayName: 'Time Window (Days)',
						name: 'timeWindowDays',
						type: 'number',
						default: 7,
						typeOptions: { minValue: 1, maxValue: 93 },
						description: 'How many days back "New Time" reads the detailed report (time entered for older days is not seen)',
					},
				],
			},
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const events = this.getNodeParameter('events', []) as string[];
		const options = this.getNodeParameter('options', {}) as IDataObject;
		const sources = Object.entries(LISTS)
			.filter(([, list]) => [list.added?.value, list.changed?.value].some((event) => event && events.includes(event)))
			.map(([name, list]) => sourceFor(this, name, list, events, options));
		if (!sources.length) throw new NodeOperationError(this.getNode(), 'Choose at least one event');

		return await pollSnapshots.call(this, sources, { emitExisting: Boolean(options.emitExisting), maxRecords: 100_000 });
	}
}
