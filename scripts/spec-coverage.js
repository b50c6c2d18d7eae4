/**
 * Checks the built WebWork node against the provider spec in ../shared/specs (read by CI only; the
 * product never reads it): every spec operation is offered under the spec's resource/operation names,
 * and every documented route is called with the documented method and path.
 */
const fs = require('fs');
const path = require('path');

const specFile = path.join(__dirname, '..', '..', 'shared', 'specs', 'webwork.operations.json');
if (!fs.existsSync(specFile)) {
	console.log(`spec-coverage: ${specFile} not found, skipped`);
	process.exit(0);
}
const spec = JSON.parse(fs.readFileSync(specFile, 'utf8'));
const { webWorkResources } = require('../dist/nodes/WebWork/resources');
const { WebWork } = require('../dist/nodes/WebWork/WebWork.node');

const properties = new WebWork().description.properties;
const offered = new Set();
for (const property of properties.filter((p) => p.name === 'operation')) {
	for (const resource of property.displayOptions.show.resource) {
		for (const option of property.options) offered.add(`${resource}/${option.value}`);
	}
}
const descriptors = new Map(
	webWorkResources.flatMap((r) => r.operations.map((o) => [`${r.value}/${o.operation}`, o])),
);

const problems = [];
let documented = 0;
let inferred = 0;
for (const entry of spec) {
	const key = `${entry.resource}/${entry.operation}`;
	if (!offered.has(key)) problems.push(`${key}: not offered by the node`);
	const descriptor = descriptors.get(key);
	if (!descriptor) continue;
	if (entry.path) {
		documented++;
		if (descriptor.method !== entry.method || descriptor.path.replace(/\{\w+\}/g, '{}') !== entry.path.replace(/\{\w+\}/g, '{}')) {
			problems.push(`${key}: node calls ${descriptor.method} ${descriptor.path}, spec says ${entry.method} ${entry.path}`);
		}
	} else {
		inferred++;
		if (descriptor.evidence !== 'inferredPath' || !descriptor.endpointOverridable) {
			problems.push(`${key}: route is unknown in the spec but the node does not mark it inferred and overridable`);
		}
	}
}
if (!offered.has('customApiCall/request')) problems.push('Custom API Call is missing');
for (const problem of problems) console.log(`FAIL ${problem}`);
console.log(
	`spec-coverage: ${spec.length} spec operations (${documented} with a path, ${inferred} inferred), ${offered.size} offered incl. Custom API Call, ${problems.length} problems`,
);
process.exit(problems.length ? 1 : 0);
