#!/usr/bin/env node
'use strict';
/**
 * Starts the WebWork API emulator for manual runs / e2e tests.
 *   node scripts/emulator.js [--port N] [--limit N --window-ms N] [--today YYYY-MM-DD] [--auto-deliver]
 * Prints one JSON line {"baseUrl", "origin", "token"} on stdout and runs until SIGTERM / SIGINT.
 */
const { startWebWorkEmulator } = require('../test/emulators/webwork');

function parseArgs(argv) {
	const args = {};
	for (let i = 0; i < argv.length; i++) {
		const flag = argv[i];
		if (!flag.startsWith('--')) continue;
		const [name, inline] = flag.slice(2).split('=', 2);
		const takesValue = inline === undefined && argv[i + 1] !== undefined && !argv[i + 1].startsWith('--');
		args[name] = inline !== undefined ? inline : takesValue ? argv[++i] : true;
	}
	return args;
}

function toNumber(value, flag) {
	const number = Number(value);
	if (!Number.isInteger(number) || number < 0) {
		process.stderr.write(`Invalid value for --${flag}: ${value}\n`);
		process.exit(2);
	}
	return number;
}

async function main() {
	const args = parseArgs(process.argv.slice(2));
	const rateLimit = {};
	if (args.limit !== undefined) rateLimit.limit = toNumber(args.limit, 'limit');
	if (args['window-ms'] !== undefined) rateLimit.windowMs = toNumber(args['window-ms'], 'window-ms');
	const emulator = await startWebWorkEmulator({
		port: args.port !== undefined ? toNumber(args.port, 'port') : 0,
		rateLimit,
		today: typeof args.today === 'string' ? args.today : undefined,
		autoDeliver: Boolean(args['auto-deliver']),
	});
	process.stdout.write(
		`${JSON.stringify({ baseUrl: emulator.baseUrl, origin: emulator.origin, token: emulator.token, tokens: emulator.tokens })}\n`,
	);
	const shutdown = () => emulator.close().then(() => process.exit(0));
	process.on('SIGTERM', shutdown);
	process.on('SIGINT', shutdown);
}

main().catch((error) => {
	process.stderr.write(`${error.stack || error}\n`);
	process.exit(1);
});
