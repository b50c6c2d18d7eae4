import type { FieldSpec, LocatorSpec, OperationSpec } from '../../shared/types';
import type { WorksibleEntity } from '../locators';
import { worksibleLocators } from '../locators';

/**
 * Building blocks for the Worksible operations.
 *
 * Only `GET /companies/me` is documented (worksible.md §0, §11.1). The nine resource families are confirmed by
 * name only; every other route here is a conventional REST guess (`evidence: 'inferredPath'`), overridable per
 * node (Options → Method / Path Override) and per credential (Route Overrides). IDs are opaque strings (§4).
 * Body and filter fields are kept to the obvious; anything else goes through the JSON fields below.
 */

const locator = (entity: WorksibleEntity): LocatorSpec => worksibleLocators[entity];

/** A resource's names as they appear in labels and notes. */
export interface Names {
	/** API path segment and resource value, e.g. `invoices`. */
	plural: string;
	/** Lower-case singular, e.g. `invoice`. */
	singular: string;
	/** The camelCase path placeholder, e.g. `invoiceId` (also the parameter name). */
	idName: string;
	/** Picker entity; resources without one take a plain ID. */
	entity?: WorksibleEntity;
}

const article = (word: string) => (/^[aeiou]/i.test(word) ? 'an' : 'a');

/** Opaque string ID in the path: `{invoiceId}` etc. */
export function pathId(names: Names): FieldSpec {
	return {
		name: names.idName,
		in: 'path',
		kind: 'string',
		required: true,
		description: `The ${names.singular}'s ID (an opaque string)`,
		...(names.entity ? { locator: locator(names.entity) } : {}),
	};
}

/** An optional reference to another record, sent in the body (e.g. `project_id`). Name assumed. */
export function bodyReference(name: string, entity: WorksibleEntity): FieldSpec {
	return { name, in: 'body', kind: 'string', locator: locator(entity), description: `Assumed field name (${name}); opaque string ID` };
}

/** Filters and other query parameters, passed through as-is (Worksible's filter syntax is unpublished). */
export const additionalQuery: FieldSpec = {
	name: 'additional_query',
	displayName: 'Additional Query Parameters (JSON)',
	in: 'query',
	kind: 'json',
	merge: true,
	description:
		'Extra query parameters sent as they are, e.g. {"status": "paid"}. Worksible does not publish its filter names.',
};

/** Fields beyond the few named ones, merged into the request body as-is. */
export const additionalBody: FieldSpec = {
	name: 'additional_body',
	displayName: 'Additional Body (JSON)',
	in: 'body',
	kind: 'json',
	merge: true,
	description:
		'Extra body fields sent as they are, e.g. {"currency": "EUR"}. Worksible does not publish its field names; named fields above win on a clash.',
};

/** Page size we ask for; Worksible's maximum is unpublished, 100 is our assumption. */
export const MAX_PER_PAGE = 100;

const overrideHint =
	'If your account answers 404 or 405, set Options → Method Override / Path Override, or a Route Override on the credential.';

export function getAllOperation(names: Names): OperationSpec {
	return {
		operation: 'getAll',
		name: 'Get Many',
		action: `Get many ${names.plural}`,
		description: `List ${names.plural}`,
		method: 'GET',
		path: `/${names.plural}`,
		pagination: { maxPerPage: MAX_PER_PAGE },
		evidence: 'inferredPath',
		note: `Assumed: GET /${names.plural}, paginated (cursor or page numbers, recognised from the response; up to ${MAX_PER_PAGE} per page). Worksible confirms ${names.plural} as an API resource but not this path, its filters or its page size. ${overrideHint}`,
		fields: [additionalQuery],
	};
}

export function getOperation(names: Names): OperationSpec {
	return {
		operation: 'get',
		name: 'Get',
		action: `Get ${article(names.singular)} ${names.singular}`,
		description: `Get one ${names.singular} by ID`,
		method: 'GET',
		path: `/${names.plural}/{${names.idName}}`,
		evidence: 'inferredPath',
		note: `Assumed: GET /${names.plural}/{id}, returning one ${names.singular}. ${overrideHint}`,
		fields: [pathId(names)],
	};
}

export function createOperation(names: Names, fields: FieldSpec[] = []): OperationSpec {
	return {
		operation: 'create',
		name: 'Create',
		action: `Create ${article(names.singular)} ${names.singular}`,
		description: `Create ${article(names.singular)} ${names.singular}`,
		method: 'POST',
		path: `/${names.plural}`,
		evidence: 'inferredPath',
		note: `Assumed: POST /${names.plural} with a JSON body; the named fields are guesses, put anything else in Additional Body (JSON). Sent with an Idempotency-Key (documented for mutating endpoints). ${overrideHint}`,
		fields: [...fields, additionalBody],
	};
}

export function updateOperation(names: Names, fields: FieldSpec[] = []): OperationSpec {
	return {
		operation: 'update',
		name: 'Update',
		action: `Update ${article(names.singular)} ${names.singular}`,
		description: `Update ${article(names.singular)} ${names.singular} (only the fields given)`,
		method: 'PATCH',
		path: `/${names.plural}/{${names.idName}}`,
		evidence: 'inferredPath',
		note: `Assumed: PATCH /${names.plural}/{id} with the changed fields only (some APIs use PUT: Method Override). Sent with an Idempotency-Key. ${overrideHint}`,
		fields: [pathId(names), ...fields, additionalBody],
	};
}

export function deleteOperation(names: Names): OperationSpec {
	return {
		operation: 'delete',
		name: 'Delete',
		action: `Delete ${article(names.singular)} ${names.singular}`,
		description: `Delete ${article(names.singular)} ${names.singular}`,
		method: 'DELETE',
		path: `/${names.plural}/{${names.idName}}`,
		evidence: 'inferredPath',
		note: `Assumed: DELETE /${names.plural}/{id} exists (Worksible may archive instead). Sent with an Idempotency-Key. ${overrideHint}`,
		fields: [pathId(names)],
	};
}
