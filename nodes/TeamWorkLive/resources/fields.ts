import type { FieldSpec } from '../../shared/types';
import type { TeamWorkLiveLocator } from '../locators';
import { teamWorkLiveLocators } from '../locators';

/**
 * TeamWork Live's per-call API pages are not available (spec §0): apart from the client-companies list,
 * every route and field name here is an assumption. IDs are opaque strings (app URLs show ids like
 * `l2197159`), so they are typed `string`.
 */

/** An item's own id in the path, e.g. `/milestones/{milestoneId}`. */
export const idInPath = (name: string, entity?: TeamWorkLiveLocator): FieldSpec => ({
	name,
	in: 'path',
	kind: 'string',
	required: true,
	...(entity ? { locator: teamWorkLiveLocators[entity] } : {}),
});

/** The project that scopes milestones, tasks, events, messages, time entries, folders and budgets. */
export const projectIdInPath: FieldSpec = idInPath('projectId', 'project');

export const nameField = (required: boolean, description?: string): FieldSpec => ({
	name: 'name',
	in: 'body',
	kind: 'string',
	required,
	description: description ?? 'Name (field name assumed; the help pages show every item has a name)',
});

/** Items have rich-text content in the web app (help pages); the API field name is a guess. */
export const contentField: FieldSpec = {
	name: 'content',
	in: 'body',
	kind: 'string',
	description: 'Text of the item (field name assumed; the help pages show items carry rich-text content)',
};

/** Fields the spec cannot name travel here, merged into the JSON body as they are. */
export const additionalBody = (required = false): FieldSpec => ({
	name: 'additional_body',
	displayName: 'Additional Body (JSON)',
	in: 'body',
	kind: 'json',
	required,
	merge: true,
	description:
		"Extra fields merged into the JSON body as they are, e.g. {\"status\": \"Active\"}. TeamWork Live's field names are not documented.",
});

/** The shared notice text of an assumed route (path, method and body names are all guesses). */
export const assumedRoute = (what: string): string =>
	`Assumed endpoint: TeamWork Live's per-call API pages are not available, and ${what}. If your account rejects it, set Method Override / Path Override here or a line in the credential's Route Overrides.`;
