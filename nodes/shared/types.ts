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
	/** Shown as a resource locator with list search and a by-ID mode, as the provider declares it. */
	locator?: LocatorSpec;
	/**
	 * Where the provider's doc variants disagree about the location (e.g. an ID in the query in one version
	 * and in the body in another), the alternative; the node then offers a "send in" option instead of guessing.
	 */
	alternativeIn?: FieldLocation;
	maximum?: number;
	/**
	 * For a `json` field: its keys are sent as fields of its location (for fields the node has no input
	 * for). Fields the node names win over keys of the same name.
	 */
	merge?: boolean;
}

/** One kind of record a provider lets users pick from a list; declared in the provider's folder. */
export interface LocatorSpec {
	/** Shown in the picker, e.g. "Project". */
	label: string;
	/** The provider node's `methods.listSearch` entry that lists these records. */
	searchMethod: string;
	/** What an ID of this record looks like (regex source without anchors, e.g. `\\d+`), checked in the editor and before sending. */
	idPattern: string;
	/** An example ID for the "By ID" placeholder. */
	idExample: string;
}

/** The n8n parameter that holds an operation's optional fields; part of saved workflows, so never derived. */
export type OptionalFieldsName = 'filters' | 'updateFields' | 'additionalFields';

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
	/** Paginated list endpoints (as the provider's paging declares); `maxPerPage` is the documented maximum. */
	pagination?: { maxPerPage: number };
	/**
	 * Name of the optional-fields collection when the default (reads → filters, update… → updateFields, other
	 * operations → additionalFields, by operation name) does not fit. Users' saved values live under it.
	 */
	optionalFields?: OptionalFieldsName;
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
