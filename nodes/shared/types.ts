import type { IHttpRequestMethods } from 'n8n-workflow';

/** Where a request field travels. */
export type FieldLocation = 'path' | 'query' | 'body';

/**
 * How a field is edited in n8n and converted before sending:
 * dates become YYYY-MM-DD, date-times ISO 8601, times HH:mm, lists arrays, json parsed objects.
 */
export type FieldKind =
	| 'string'
	| 'integer'
	| 'number'
	| 'boolean'
	| 'options'
	| 'multiOptions'
	| 'date'
	| 'dateTime'
	| 'time'
	| 'integerList'
	| 'stringList'
	| 'json';

export interface FieldOption {
	name: string;
	value: string | number;
}

export interface FieldSpec {
	/** The API's own name, e.g. `workspace_id`; the n8n parameter name is its camelCase form. */
	name: string;
	in: FieldLocation;
	kind: FieldKind;
	required?: boolean;
	displayName?: string;
	description?: string;
	options?: FieldOption[];
	default?: string | number | boolean;
	/** Shown as a resource locator with list search; the value names a `listSearch` entity. */
	locator?: LocatorEntity;
	/**
	 * Where the provider's doc variants disagree about the location (e.g. WebWork's `workspace_id` in query vs
	 * body), the alternative; the node then offers a "send in" option instead of guessing silently.
	 */
	alternativeIn?: FieldLocation;
	maximum?: number;
}

export type LocatorEntity = 'workspace' | 'project' | 'member' | 'contract' | 'task' | 'client' | 'user';

/**
 * How trustworthy an operation's route is, from the spec's tags. `inferredPath` routes (the docs name
 * the operation, not its path) get Method / Path Override options.
 */
export type Evidence = 'documented' | 'inferred' | 'inferredPath';

export interface OperationSpec {
	/** Option value; the spec's operation name. */
	operation: string;
	/** Dropdown label, e.g. "Get Many". */
	name: string;
	/** Action label read by users and AI agents, e.g. "Get many members". */
	action: string;
	description: string;
	method: IHttpRequestMethods;
	path: string;
	fields: FieldSpec[];
	/** List endpoints paginated with page/per_page; `maxPerPage` is the documented maximum. */
	pagination?: { maxPerPage: number };
	/** A list the API returns whole (no paging): Return All / Limit are applied to the output. */
	clientSideLimit?: boolean;
	evidence: Evidence;
	/** Shown as a notice above the fields: what is inferred and how to override it. */
	note?: string;
}

export interface ResourceSpec {
	/** Option value; the spec's resource name. */
	value: string;
	name: string;
	description?: string;
	operations: OperationSpec[];
}
