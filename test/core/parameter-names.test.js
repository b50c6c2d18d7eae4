/**
 * Parameter-name snapshot. Saved workflows store parameter values under their names, so renaming or
 * removing a released parameter (or an option inside a collection) silently drops users' settings.
 * test/core/parameter-names.json lists, for every node in package.json `n8n.nodes` (loaded from dist),
 * per resource/operation (or per resource, or `*` for nodes without resources), the names users'
 * workflows depend on: the top-level parameters shown there and, as `parent.option` /
 * `parent.group.field`, the options inside collections and fixedCollections.
 *
 * - A name in the file that is gone fails: a released parameter may only change in a new node version.
 * - A name that is new fails too, until the file is regenerated (so every addition is reviewed):
 *       npm run build && UPDATE_PARAMETER_NAMES=1 npx jest test/core/parameter-names.test.js
 *   then commit the updated test/core/parameter-names.json.
 */
const fs = require('fs');
const path = require('path');

const ROOT = path.join(__dirname, '..', '..');
const SNAPSHOT = path.join(__dirname, 'parameter-names.json');
const PACKAGE = require('../../package.json');

/** The key of a show/hide condition that selects a resource or operation. */
const SELECTORS = ['resource', 'operation'];

/** Whether a property is shown for this resource/operation. Conditions on other parameters count as "can be shown". */
function shownFor(property, selection) {
	const { show, hide } = property.displayOptions ?? {};
	for (const key of SELECTORS) {
		if (selection[key] === undefined) continue;
		if (show?.[key] && !show[key].includes(selection[key])) return false;
		if (hide?.[key]?.includes(selection[key])) return false;
	}
	return true;
}

/** Notices (and buttons) are shown, never saved with the workflow. */
const isStored = (property) => property.type !== 'notice' && property.type !== 'button';

/** The property's own name plus the names inside it (collections and fixedCollections, recursively). */
function namesOf(property, prefix = '') {
	const name = `${prefix}${property.name}`;
	const names = [name];
	if (property.type === 'collection' || property.type === 'fixedCollection') {
		for (const option of property.options ?? []) {
			if (Array.isArray(option.values)) {
				names.push(`${name}.${option.name}`);
				for (const value of option.values.filter(isStored)) names.push(...namesOf(value, `${name}.${option.name}.`));
			} else if (isStored(option)) {
				names.push(...namesOf(option, `${name}.`));
			}
		}
	}
	return names;
}

function optionValues(properties, name, selection) {
	return [
		...new Set(
			properties
				.filter((p) => p.name === name && shownFor(p, selection))
				.flatMap((p) => (p.options ?? []).map((o) => o.value)),
		),
	];
}

function describeNode(description) {
	const properties = description.properties;
	const collect = (selection) =>
		[...new Set(properties.filter((p) => !SELECTORS.includes(p.name) && isStored(p) && shownFor(p, selection)).flatMap((p) => namesOf(p)))].sort();
	const resources = optionValues(properties, 'resource', {});
	if (!resources.length) return { '*': collect({}) };
	const result = {};
	for (const resource of resources.sort()) {
		const operations = optionValues(properties, 'operation', { resource });
		if (!operations.length) result[resource] = collect({ resource });
		for (const operation of operations.sort()) result[`${resource}/${operation}`] = collect({ resource, operation });
	}
	return result;
}

function currentNames() {
	const result = {};
	for (const file of PACKAGE.n8n.nodes) {
		const exported = require(path.join(ROOT, file));
		const node = new (Object.values(exported)[0])();
		const versions = node.nodeVersions ? Object.entries(node.nodeVersions) : [[null, node]];
		for (const [version, typeNode] of versions) {
			const key = version === null ? node.description.name : `${node.description.name}@${version}`;
			result[key] = describeNode(typeNode.description);
		}
	}
	return Object.fromEntries(Object.entries(result).sort(([a], [b]) => a.localeCompare(b)));
}

function flatten(snapshot) {
	const out = new Set();
	for (const [node, scopes] of Object.entries(snapshot)) {
		for (const [scope, names] of Object.entries(scopes)) for (const name of names) out.add(`${node} ${scope}: ${name}`);
	}
	return out;
}

test('parameter names users depend on are unchanged', () => {
	const current = currentNames();
	if (process.env.UPDATE_PARAMETER_NAMES === '1') {
		fs.writeFileSync(SNAPSHOT, `${JSON.stringify(current, null, '\t')}\n`);
		return;
	}
	expect(fs.existsSync(SNAPSHOT)).toBe(true);
	const saved = JSON.parse(fs.readFileSync(SNAPSHOT, 'utf8'));
	const before = flatten(saved);
	const now = flatten(current);
	const removed = [...before].filter((entry) => !now.has(entry));
	const added = [...now].filter((entry) => !before.has(entry));
	const problems = [];
	if (removed.length) {
		problems.push(
			`${removed.length} released parameter name(s) disappeared. Saved workflows keep their values under these names, ` +
				'so renaming or removing one needs a new node version (keep the old version as it was):\n  ' +
				removed.join('\n  '),
		);
	}
	if (added.length) {
		problems.push(
			`${added.length} new parameter name(s). Check them (they become part of saved workflows once released), then regenerate ` +
				'the snapshot: npm run build && UPDATE_PARAMETER_NAMES=1 npx jest test/core/parameter-names.test.js\n  ' +
				added.join('\n  '),
		);
	}
	if (problems.length) throw new Error(problems.join('\n\n'));
});

test('the snapshot walker sees options inside collections and fixedCollections', () => {
	const names = describeNode({
		properties: [
			{ name: 'resource', type: 'options', options: [{ value: 'a' }, { value: 'b' }] },
			{ name: 'operation', type: 'options', displayOptions: { show: { resource: ['a'] } }, options: [{ value: 'get' }] },
			{ name: 'id', type: 'string', displayOptions: { show: { resource: ['a'], operation: ['get'] } } },
			{ name: 'hint', type: 'notice' },
			{ name: 'other', type: 'string', displayOptions: { show: { resource: ['b'] } } },
			{ name: 'options', type: 'collection', options: [{ name: 'timeout', type: 'number' }] },
			{ name: 'rules', type: 'fixedCollection', displayOptions: { hide: { resource: ['b'] } }, options: [{ name: 'rule', values: [{ name: 'field', type: 'string' }] }] },
		],
	});
	expect(names).toEqual({
		'a/get': ['id', 'options', 'options.timeout', 'rules', 'rules.rule', 'rules.rule.field'],
		b: ['options', 'options.timeout', 'other'],
	});
});
