import type { FieldSpec, OperationSpec, ResourceSpec } from '../../shared/types';
import type { TeamWorkLiveLocator } from '../locators';
import { assumedRoute, idInPath, projectIdInPath } from './fields';

/** One TeamWork Live resource with the conventional list / get / create / update / delete routes (all assumed). */
export interface CrudResource {
	/** Resource value, e.g. `timeEntry`, and its dropdown name, e.g. `Time Entry`. */
	value: string;
	name: string;
	description?: string;
	/** Lower-case words for labels: `time entry`, `time entries`. */
	singular: string;
	plural: string;
	/** Path segment, e.g. `timeentries`, and the item's path placeholder, e.g. `timeEntryId`. */
	segment: string;
	idName: string;
	/** Picker for the item's ID, where there is a list to pick from. */
	entity?: TeamWorkLiveLocator;
	/** Listed and created under a project (`/projects/{projectId}/<segment>`) rather than account-wide. */
	inProject: boolean;
	/** What the help pages show of it (the notice says the API routes are assumed). */
	seen: string;
	/** The list call's own notice, where it says more than the others. */
	listNote?: string;
	/** The body fields of a create (`required` true) or an update (false). */
	body(required: boolean): FieldSpec[];
}

export function crudResource(spec: CrudResource): ResourceSpec {
	const note = assumedRoute(spec.seen);
	const listPath = spec.inProject ? `/projects/{projectId}/${spec.segment}` : `/${spec.segment}`;
	const itemPath = `/${spec.segment}/{${spec.idName}}`;
	const scope = spec.inProject ? [projectIdInPath] : [];
	const itemId = () => idInPath(spec.idName, spec.entity);
	const operation = (
		name: string,
		verb: string,
		description: string,
		rest: Pick<OperationSpec, 'operation' | 'method' | 'path' | 'fields' | 'clientSideLimit'>,
	): OperationSpec => ({
		operation: rest.operation,
		name,
		action: `${verb} ${spec.singular}`,
		description,
		method: rest.method,
		path: rest.path,
		...(rest.clientSideLimit ? { clientSideLimit: true } : {}),
		evidence: 'inferredPath',
		note,
		fields: rest.fields,
	});
	const list: OperationSpec = {
		operation: 'getAll',
		name: 'Get Many',
		action: `Get many ${spec.plural}`,
		description: spec.inProject ? `List the ${spec.plural} of a project` : `List all ${spec.plural} of the account`,
		method: 'GET',
		path: listPath,
		clientSideLimit: true,
		evidence: 'inferredPath',
		note: spec.listNote ?? note,
		fields: scope,
	};
	return {
		value: spec.value,
		name: spec.name,
		...(spec.description ? { description: spec.description } : {}),
		operations: [
			list,
			operation('Get', 'Get a', `Get one ${spec.singular}`, { operation: 'get', method: 'GET', path: itemPath, fields: [itemId()] }),
			operation('Create', 'Create a', `Create a ${spec.singular}${spec.inProject ? ' in a project' : ''}`, {
				operation: 'create',
				method: 'POST',
				path: listPath,
				fields: [...scope, ...spec.body(true)],
			}),
			operation('Update', 'Update a', `Update a ${spec.singular}`, {
				operation: 'update',
				method: 'PUT',
				path: itemPath,
				fields: [itemId(), ...spec.body(false)],
			}),
			operation('Delete', 'Delete a', `Delete a ${spec.singular}`, { operation: 'delete', method: 'DELETE', path: itemPath, fields: [itemId()] }),
		],
	};
}
