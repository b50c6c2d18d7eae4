import type { IDataObject, INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import type { SnapshotSource } from '../shared/polling';
import { emitExistingRecordsOption, keyByIdOrContent, pollSnapshots } from '../shared/polling';
import type { AccountList } from './lists';
import { readList } from './lists';

/** Records tracked per watched list at most (state stays bounded: about 7 characters per record). */
const MAX_RECORDS = 10_000;

interface WatchedList {
	list: AccountList;
	added: { value: string; name: string };
	changed: { value: string; name: string };
}

/**
 * The account-wide lists (project-scoped items would need one call per project). No timestamps or
 * "updated since" filters are documented, so every poll reads each watched list whole and diffs it by id
 * and fingerprint (spec: id set-difference, baseline on the first run).
 */
const LISTS: WatchedList[] = [
	{
		list: 'clientCompany',
		added: { value: 'newClientCompany', name: 'New Client Company' },
		changed: { value: 'changedClientCompany', name: 'Changed Client Company' },
	},
	{
		list: 'project',
		added: { value: 'newProject', name: 'New Project' },
		changed: { value: 'changedProject', name: 'Changed Project (Incl. Status)' },
	},
	{
		list: 'user',
		added: { value: 'newUser', name: 'New User' },
		changed: { value: 'changedUser', name: 'Changed User' },
	},
	{
		list: 'contact',
		added: { value: 'newContact', name: 'New Contact' },
		changed: { value: 'changedContact', name: 'Changed Contact' },
	},
];

const EVENT_OPTIONS = LISTS.flatMap((list) => [list.added, list.changed]).sort((a, b) => a.name.localeCompare(b.name));

/** A record's identity: its id ([inferred] field name), else its content (an edit then reads as new). */
function keyOf(record: IDataObject): string {
	return keyByIdOrContent(record.id ?? record.Id ?? record.ID, record);
}

function sourceFor(context: IPollFunctions, watched: WatchedList, events: string[]): SnapshotSource {
	return {
		name: watched.list,
		fetch: async () => await readList(context, watched.list),
		key: keyOf,
		emit: {
			added: events.includes(watched.added.value) ? watched.added.value : undefined,
			changed: events.includes(watched.changed.value) ? watched.changed.value : undefined,
		},
	};
}

export class TeamWorkLiveTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'TeamWork Live Trigger',
		name: 'teamWorkLiveTrigger',
		icon: { light: 'file:../../icons/teamworklive.svg', dark: 'file:../../icons/teamworklive.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["events"].join(", ")}}',
		description: 'Starts the workflow when TeamWork Live client companies, projects, users or contacts are added or changed',
		defaults: { name: 'TeamWork Live Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'teamWorkLiveApi', required: true }],
		properties: [
			{
				displayName:
					'Each poll costs one request per watched list (client companies, projects, users, contacts), whole lists, since TeamWork Live documents no change filter. TeamWork Live allows 6,000 requests per hour per user, shared by every workflow using that user\'s credential: poll every 5 minutes or less often.',
				name: 'pollingNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				default: ['newProject'],
				options: EVENT_OPTIONS,
				description: 'What to watch. Deletions are not emitted.',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add option',
				default: {},
				options: [
					emitExistingRecordsOption,
				],
			},
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const events = this.getNodeParameter('events', []) as string[];
		const options = this.getNodeParameter('options', {}) as IDataObject;
		const sources = LISTS.filter((list) => events.includes(list.added.value) || events.includes(list.changed.value)).map(
			(list) => sourceFor(this, list, events),
		);
		if (!sources.length) throw new NodeOperationError(this.getNode(), 'Choose at least one event');

		// Any failure (limit retries exhausted, 5xx, a body that is not a list) throws before the state moves.
		return await pollSnapshots.call(this, sources, { emitExisting: Boolean(options.emitExisting), maxRecords: MAX_RECORDS });
	}
}
