import type { IDataObject, INodeExecutionData, INodeProperties, IPollFunctions } from 'n8n-workflow';

/**
 * One kind of event a polling trigger watches, e.g. "timesheet submitted": a paged list whose records
 * carry a stable key and, ideally, a timestamp from the API's own clock.
 */
export interface PollSource {
	event: string;
	/**
	 * Names the cursor: the event plus every setting that changes what the list returns (workspace,
	 * look-back), so a changed setting starts a fresh, silent cursor instead of dumping the new list.
	 */
	cursorKey: string;
	/** Reads one page (1-based). `done` is true when it was the last page. */
	fetchPage(page: number): Promise<{ records: IDataObject[]; done: boolean }>;
	/** Identity of an occurrence; include a submission time where the same record can be re-submitted. */
	key(record: IDataObject): string;
	/** The record's time on the API's clock (ISO 8601 or "YYYY-MM-DD HH:mm:ss"), if it has one. */
	time(record: IDataObject): string | undefined;
}

export interface PollOptions {
	/** Pages read per poll per event; a larger backlog continues on the next poll. */
	maxPagesPerPoll: number;
	/** Emit what is already there on the first poll instead of only remembering it. */
	emitExisting: boolean;
	/** Keys remembered per event at most (oldest forgotten first, see `horizon`). */
	maxRemembered: number;
}

export const DEFAULT_POLL_OPTIONS: PollOptions = {
	maxPagesPerPoll: 5,
	emitExisting: false,
	maxRemembered: 10_000,
};

/** Everything the trigger remembers about one event, kept whole in the node's static data (plain JSON). */
interface EventCursor {
	/** Keys of occurrences already emitted or deliberately skipped, oldest first. */
	seen: string[];
	/** Keys met during the scan in progress. */
	scan: string[];
	/**
	 * Keys the last complete scan did not meet. A key is forgotten only when two scans in a row miss it:
	 * one miss can be a record that moved to an earlier page while the scan was under way.
	 */
	missed?: string[];
	/** Page the next poll continues from; 1 starts a new scan. */
	nextPage: number;
	/** Newest record time seen, on the API's clock (never compared with n8n's clock). */
	watermark?: string;
	/**
	 * Set when keys had to be forgotten to stay bounded: the watermark at that moment. An unknown key
	 * stamped at or before it may be one we forgot, so it is treated as history, not as new.
	 */
	horizon?: string;
	/** False until the first complete scan: until then nothing is emitted (no history dump). */
	primed: boolean;
}

function parseTime(value: string | undefined): number | undefined {
	if (!value) return undefined;
	const normalized = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}/.test(value) ? `${value.replace(' ', 'T')}Z` : value;
	const time = Date.parse(normalized);
	return Number.isNaN(time) ? undefined : time;
}

/** A named object in the node's static data (created on first use), holding one state per source. */
function bucketOf<T>(staticData: IDataObject, name: string): Record<string, T> {
	if (typeof staticData[name] !== 'object' || staticData[name] === null) staticData[name] = {};
	return staticData[name] as unknown as Record<string, T>;
}

/**
 * Stores a bucket back on the node's static data. n8n saves static data only when it noticed a change,
 * and it notices through proxies on the objects it loaded (n8n-workflow's ObservableObject): an object a
 * poll added later (a new bucket, a new cursor) is plain, so changes inside it would go unnoticed and a
 * restart would bring back an older state (and re-emit). Setting the bucket again marks the change.
 */
function storeBucket(staticData: IDataObject, name: string, bucket: object): void {
	staticData[name] = bucket as IDataObject;
}

/** Drops the states of sources no longer polled (their settings changed), so static data stays small. */
function keepOnly<T>(bucket: Record<string, T>, names: string[]): void {
	const current = new Set(names);
	for (const name of Object.keys(bucket)) if (!current.has(name)) delete bucket[name];
}

/** Bounds a key list; when it had to drop keys, the cursor's horizon moves to its watermark. */
function bounded(cursor: EventCursor, keys: string[], limit: number): string[] {
	if (keys.length <= limit) return keys;
	if (cursor.watermark) cursor.horizon = cursor.watermark;
	return keys.slice(keys.length - limit);
}

/**
 * Reads each source's next pages and returns only occurrences not emitted before.
 * Fetching is async; deciding what is new and moving the cursor happens afterwards in one synchronous
 * step on the live static data, so two overlapping polls cannot both emit the same record. The cursor
 * only moves when every source was read: an API error propagates and leaves it untouched.
 */
export async function pollSources(
	this: IPollFunctions,
	sources: PollSource[],
	options: PollOptions,
): Promise<Array<{ event: string; record: IDataObject }>> {
	const fetched: Array<{ source: PollSource; startPage: number; records: IDataObject[]; done: boolean; pages: number }> = [];
	const startCursors = bucketOf<EventCursor>(this.getWorkflowStaticData('node'), 'cursors');
	for (const source of sources) {
		const startPage = startCursors[source.cursorKey]?.nextPage ?? 1;
		const records: IDataObject[] = [];
		let done = false;
		let pages = 0;
		while (!done && pages < options.maxPagesPerPoll) {
			const page = await source.fetchPage(startPage + pages);
			for (const record of page.records) records.push(record);
			done = page.done;
			pages++;
		}
		fetched.push({ source, startPage, records, done, pages });
	}

	// Synchronous from here on: read the cursor as it is now, decide, write it back.
	const staticData = this.getWorkflowStaticData('node');
	const cursors = bucketOf<EventCursor>(staticData, 'cursors');
	keepOnly(cursors, sources.map((source) => source.cursorKey));
	const emitted: Array<{ event: string; record: IDataObject }> = [];
	for (const { source, startPage, records, done, pages } of fetched) {
		const cursor: EventCursor = cursors[source.cursorKey] ?? { seen: [], scan: [], nextPage: 1, primed: false };
		if (cursor.nextPage !== startPage) continue; // an overlapping poll already consumed these pages
		const seen = new Set(cursor.seen);
		const scan = new Set(cursor.scan);
		const horizon = parseTime(cursor.horizon);
		let newest = parseTime(cursor.watermark);
		let newestText = cursor.watermark;
		for (const record of records) {
			const key = source.key(record);
			const timeText = source.time(record);
			const time = parseTime(timeText);
			scan.add(key);
			if (time !== undefined && (newest === undefined || time > newest)) {
				newest = time;
				newestText = timeText;
			}
			if (seen.has(key)) continue;
			seen.add(key);
			cursor.seen.push(key);
			const history = horizon !== undefined && time !== undefined && time <= horizon;
			if ((cursor.primed || options.emitExisting) && !history) emitted.push({ event: source.event, record });
		}
		cursor.watermark = newestText;
		if (done) {
			// A complete scan shows what is still listed; forget only what two scans in a row missed.
			const missedBefore = new Set(cursor.missed ?? []);
			const missedNow = cursor.seen.filter((key) => !scan.has(key));
			cursor.seen = bounded(cursor, [...scan, ...missedNow.filter((key) => !missedBefore.has(key))], options.maxRemembered);
			cursor.missed = missedNow.filter((key) => !missedBefore.has(key));
			cursor.scan = [];
			cursor.nextPage = 1;
			cursor.primed = true;
		} else {
			cursor.seen = bounded(cursor, cursor.seen, options.maxRemembered);
			cursor.scan = bounded(cursor, [...scan], options.maxRemembered);
			cursor.nextPage = startPage + pages;
		}
		cursors[source.cursorKey] = cursor;
	}
	storeBucket(staticData, 'cursors', cursors);
	return emitted;
}

/**
 * A list with no usable timestamps or cursor that a trigger diffs against what it saw last time: every
 * poll fetches the whole list, and per-record fingerprints tell new from changed.
 */
export interface SnapshotSource {
	/** Static-data bucket; one per API call, shared by the events read from it. */
	name: string;
	fetch(): Promise<IDataObject[]>;
	/** A cheaper read for a manual run's sample (e.g. one record); `fetch` when absent. */
	sample?(): Promise<IDataObject[]>;
	key(record: IDataObject, index: number): string;
	/** Which of the source's changes to emit, and under which event names. */
	emit: { added?: string; changed?: string };
}

export interface SnapshotOptions {
	emitExisting: boolean;
	/** Records tracked per source at most; beyond it the rest of a list is ignored (and logged). */
	maxRecords: number;
}

/** Per source: key → fingerprint of what was last seen. */
interface SnapshotState {
	fingerprints: Record<string, string>;
	/**
	 * Records the last answer did not list, kept for one more poll: a key is forgotten only when two answers
	 * in a row miss it, so one empty or partial answer does not make every record "new" on the next poll.
	 */
	missed?: Record<string, string>;
	primed: boolean;
}

/** 32-bit FNV-1a in base 36: about 7 characters per record, enough to notice an edit. */
export function fingerprint(value: unknown): string {
	const text = JSON.stringify(value);
	let hash = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) {
		hash ^= text.charCodeAt(i);
		hash = Math.imul(hash, 0x01000193) >>> 0;
	}
	return hash.toString(36);
}

/**
 * Fetches every source, then in one synchronous step compares with the stored fingerprints and
 * replaces them, so records that vanished are forgotten after two answers without them (state stays
 * about the size of the lists) and an overlapping poll sees the update. Returns added/changed records for the events asked for.
 */
export async function diffSnapshots(
	this: IPollFunctions,
	sources: SnapshotSource[],
	options: SnapshotOptions,
): Promise<Array<{ event: string; record: IDataObject }>> {
	const fetched: Array<{ source: SnapshotSource; records: IDataObject[] }> = [];
	for (const source of sources) fetched.push({ source, records: await source.fetch() });

	const staticData = this.getWorkflowStaticData('node');
	const snapshots = bucketOf<SnapshotState>(staticData, 'snapshots');
	keepOnly(snapshots, sources.map((source) => source.name));
	const emitted: Array<{ event: string; record: IDataObject }> = [];
	for (const { source, records } of fetched) {
		const state = snapshots[source.name] ?? { fingerprints: {}, primed: false };
		const emitNow = state.primed || options.emitExisting;
		if (records.length > options.maxRecords) {
			this.logger.warn(`${source.name}: tracking the first ${options.maxRecords} of ${records.length} records`);
		}
		const next: Record<string, string> = {};
		records.slice(0, options.maxRecords).forEach((record, index) => {
			const key = source.key(record, index);
			const print = fingerprint(record);
			const before = state.fingerprints[key] ?? state.missed?.[key];
			next[key] = print;
			if (!emitNow || before === print) return;
			if (before === undefined && source.emit.added) emitted.push({ event: source.emit.added, record });
			if (before !== undefined && source.emit.changed) emitted.push({ event: source.emit.changed, record });
		});
		// Missed once now: listed last time but not in this answer. Missed twice: forgotten.
		const missed: Record<string, string> = {};
		for (const [key, print] of Object.entries(state.fingerprints)) if (!(key in next)) missed[key] = print;
		snapshots[source.name] = { fingerprints: next, ...(Object.keys(missed).length ? { missed } : {}), primed: true };
	}
	storeBucket(staticData, 'snapshots', snapshots);
	return emitted;
}

/** What snapshot triggers offer in their Options: emit what is already there on the first poll. */
export const emitExistingRecordsOption: INodeProperties = {
	displayName: 'Emit Existing Records on First Poll',
	name: 'emitExisting',
	type: 'boolean',
	default: false,
	description: 'Whether the first poll emits every existing record; by default it only remembers them',
};

/** A record's identity: its ID, else its content (an edit of a record without an ID then reads as new). */
export function keyByIdOrContent(id: unknown, record: IDataObject): string {
	return id === undefined || id === null || id === '' ? `~${fingerprint(record)}` : String(id);
}

/** Emitted occurrences as the trigger's output: one item per record, its event beside its fields. */
export function triggerOutput(emitted: Array<{ event: string; record: IDataObject }>): INodeExecutionData[][] | null {
	if (!emitted.length) return null;
	return [emitted.map(({ event, record }) => ({ json: { event, ...record } }))];
}

/**
 * A manual run ("Fetch Test Event") shows what an execution looks like: the newest record of the first
 * source that has one. No state is read or written, so activating later still starts from now.
 */
export async function sampleOf(
	candidates: Array<{ event: string; read(): Promise<IDataObject[]> }>,
): Promise<INodeExecutionData[][] | null> {
	for (const { event, read } of candidates) {
		const records = await read();
		if (records.length) return triggerOutput([{ event, record: records[records.length - 1] }]);
	}
	return null;
}

/** A snapshot trigger's poll: a sample in a manual run, else what was added or changed since the last poll. */
export async function pollSnapshots(
	this: IPollFunctions,
	sources: SnapshotSource[],
	options: SnapshotOptions,
): Promise<INodeExecutionData[][] | null> {
	if (this.getMode() === 'manual') {
		return await sampleOf(
			sources.map((source) => ({
				event: (source.emit.added ?? source.emit.changed) as string,
				read: async () => await (source.sample ? source.sample() : source.fetch()),
			})),
		);
	}
	return triggerOutput(await diffSnapshots.call(this, sources, options));
}
