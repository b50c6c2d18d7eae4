/**
 * Checks the built action nodes against the provider specs in ../shared/specs (read by CI only; the
 * product never reads them): every spec operation is offered under the spec's resource/operation names,
 * and every documented route is called with the documented method and path.
 */
const fs = require('fs');
const path = require('path');

const PROVIDERS = [
	{ spec: 'webwork.operations.json', resources: 'WebWork/resources', node: 'WebWork/WebWork.node' },
	{ spec: 'weworked.operations.json', resources: 'WeWorked/resources', node: 'WeWorked/WeWorked.node' },
	{ spec: 'teamworklive.operations.json', resources: 'TeamWorkLive/resources', node: 'TeamWorkLive/TeamWorkLive.node' },
	{ spec: 'worksible.operations.json', resources: 'Worksible/resources', node: 'Worksible/Worksible.node' },
];

const specDir = path.join(__dirname, '..', '..', 'shared', 'specs');
const samePath = (a, b) => a.replace(/\{\w+\}/g, '{}') === b.replace(/\{\w+\}/g, '{}');
let problems = 0;

for (const provider of PROVIDERS) {
	const specFile = path.join(specDir, provider.spec);
	if (!fs.existsSync(specFile)) {
		console.log(`spec-coverage: ${specFile} not found, skipped`);
		continue;
	}
	const spec = JSON.parse(fs.readFileSync(specFile, 'utf8'));
	const resources = Object.values(require(`../dist/nodes/${provider.resources}`))[0];
	const NodeClass = Object.values(require(`../dist/nodes/${provider.node}`))[0];
	const offered = new Set();
	for (const property of new NodeClass().description.properties.filter((p) => p.name === 'operation')) {
		for (const resource of property.displayOptions.show.resource) {
			for (const option of property.options) offered.add(`${resource}/${option.value}`);
		}
	}
	const descriptors = new Map(resources.flatMap((r) => r.operations.map((o) => [`${r.value}/${o.operation}`, o])));
	const found = [];
	let withPath = 0;
	for (const entry of spec) {
		const key = `${entry.resource}/${entry.operation}`;
		const descriptor = descriptors.get(key);
		if (!offered.has(key) || !descriptor) {
			found.push(`${key}: not offered by the node`);
			continue;
		}
		if (entry.path) {
			withPath++;
			if (descriptor.method !== entry.method || !samePath(descriptor.path, entry.path)) {
				found.push(`${key}: node calls ${descriptor.method} ${descriptor.path}, spec says ${entry.method} ${entry.path}`);
			}
		} else if (descriptor.evidence !== 'inferredPath') {
			found.push(`${key}: route is unknown in the spec but the node does not mark it inferred and overridable`);
		}
	}
	if (!offered.has('customApiCall/request')) found.push('Custom API Call is missing');
	for (const problem of found) console.log(`FAIL ${provider.spec}: ${problem}`);
	console.log(
		`spec-coverage ${provider.spec}: ${spec.length} spec operations (${withPath} with a path, ${spec.length - withPath} inferred), ${offered.size} offered incl. Custom API Call, ${found.length} problems`,
	);
	problems += found.length;
}
process.exit(problems ? 1 : 0);
