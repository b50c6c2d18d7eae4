'use strict';
/**
 * Provider-agnostic HTTP emulator used by the tests of every provider node.
 * Only Node built-ins. Provider specifics (auth scheme, envelopes, routes) are passed in.
 *
 * Request pipeline, in order:
 *   read + parse body -> log -> faults -> route lookup (404/405) -> authenticate (401/403)
 *   -> rate limit (429/503) -> handler -> answer (+ rate-limit headers)
 *
 * Handlers receive a context and return { status?, body, headers? } (a string body is sent as
 * text, anything else as JSON) or throw an HttpError. Returning undefined answers 204.
 */
const http = require('http');
const { URL } = require('url');

class HttpError extends Error {
	/** extra is handed to errorBody(status, message, extra); extra.headers become response headers. */
	constructor(status, message, extra = {}) {
		super(message);
		this.status = status;
		this.extra = extra;
	}
}

const REASONS = http.STATUS_CODES;

function defaultErrorBody(status, message, extra = {}) {
	const details = { ...extra };
	delete details.headers; // response headers, not body
	return { message, ...details };
}

/**
 * Query / form parsing: repeated keys and `a[]=` / `a[0]=` keys become arrays (key without brackets).
 */
function parseParams(searchParams) {
	const out = {};
	for (const [rawKey, value] of searchParams) {
		const bracket = /^(.+?)\[(\d*)\]$/.exec(rawKey);
		const key = bracket ? bracket[1] : rawKey;
		if (bracket) out[key] = [].concat(out[key] ?? [], value);
		else if (Object.prototype.hasOwnProperty.call(out, key)) out[key] = [].concat(out[key], value);
		else out[key] = value;
	}
	return out;
}

function escapeRegex(text) {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** '/members/{memberId}' -> matcher returning params or null. '*' matches any path. */
function compilePath(pattern) {
	if (pattern === '*') return { paramCount: 0, match: () => ({}) };
	const keys = [];
	const source = pattern
		.split('/')
		.map((segment) => {
			const param = /^\{(\w+)\}$/.exec(segment);
			if (!param) return escapeRegex(segment);
			keys.push(param[1]);
			return '([^/]+)';
		})
		.join('/');
	const regex = new RegExp(`^${source}/?$`);
	return {
		paramCount: keys.length,
		match(path) {
			const found = regex.exec(path);
			if (!found) return null;
			const params = {};
			keys.forEach((key, index) => (params[key] = decodeURIComponent(found[index + 1])));
			return params;
		},
	};
}

/** 'GET /projects', '* /tasks/{taskId}', '/x' (any method) or a predicate(entry). */
function compileRequestMatcher(match) {
	if (typeof match === 'function') return match;
	const text = String(match).trim();
	const [method, path] = text.includes(' ') ? text.split(/\s+/, 2) : ['*', text];
	const compiledPath = compilePath(path);
	return (entry) =>
		(method === '*' || method.toUpperCase() === entry.method) && compiledPath.match(entry.path) !== null;
}

function readBody(req) {
	return new Promise((resolve, reject) => {
		const chunks = [];
		req.on('data', (chunk) => chunks.push(chunk));
		req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		req.on('error', reject);
	});
}

/** JSON or form-urlencoded (older docs) bodies; anything else stays a raw string. */
function parseBody(rawBody, contentType = '') {
	if (!rawBody) return { body: null };
	if (/json/i.test(contentType)) {
		try {
			return { body: JSON.parse(rawBody) };
		} catch (error) {
			return { body: rawBody, parseError: `Malformed JSON body: ${error.message}` };
		}
	}
	if (/x-www-form-urlencoded/i.test(contentType)) return { body: parseParams(new URLSearchParams(rawBody)) };
	return { body: rawBody };
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * @param {object} options
 * @param {string} [options.basePath]  e.g. '/api/v2'; logged paths and route paths are relative to it
 * @param {(ctx) => object|null|{status:number, body?:any, message?:string}} [options.authenticate]
 *        returns a principal, null (-> 401) or a refusal {status, body|message}; may also throw HttpError
 * @param {Array<{method, path, handler, auth?}>} [options.routes]  routes under basePath (auth + rate limit)
 * @param {Array<{method, path, handler, auth?}>} [options.rawRoutes]  routes on the origin root
 *        (full path, e.g. OAuth token endpoint); no auth / rate limit unless auth: true
 * @param {{limit?, windowMs?, status?, key?, headers?}|false} [options.rateLimit]
 *        headers: 'all' (default: X-RateLimit-* on every answer, Retry-After + X-RateLimit-Reset on refusals),
 *        'retry-after' (only Retry-After, on refusals) or 'none' (no rate-limit headers at all)
 * @param {(status, message, extra) => any} [options.errorBody]
 */
function createEmulator(options = {}) {
	const basePath = (options.basePath || '').replace(/\/$/, '');
	const authenticate = options.authenticate || (() => ({ anonymous: true }));
	const errorBody = options.errorBody || defaultErrorBody;
	const routes = [];
	const rawRoutes = [];
	let faults = [];
	let requests = [];
	let stats = { total: 0, byStatus: {} };
	const windows = new Map(); // rate-limit key -> timestamps of counted requests (sliding window)
	let rateLimit = null;
	const sockets = new Set();
	let server = null;
	let port = null;

	function configureRateLimit(config) {
		if (config === false) {
			rateLimit = null;
			return;
		}
		rateLimit = {
			limit: 60,
			windowMs: 60000,
			status: 429,
			key: (principal) => (principal && (principal.token || principal.id)) || 'anonymous',
			...(rateLimit || {}),
			...(config || {}),
		};
	}
	configureRateLimit(options.rateLimit === false ? false : options.rateLimit || {});

	const addRoute = (list) => (route) => {
		list.push({ ...route, method: route.method.toUpperCase(), matcher: compilePath(route.path) });
	};
	(options.routes || []).forEach(addRoute(routes));
	(options.rawRoutes || []).forEach(addRoute(rawRoutes));

	/** Picks the most specific route (fewest path params); 405 when only another method matches. */
	function findRoute(list, method, path) {
		let best = null;
		let pathMatched = false;
		for (const route of list) {
			const params = route.matcher.match(path);
			if (!params) continue;
			pathMatched = true;
			if (route.method !== method && route.method !== '*') continue;
			if (!best || route.matcher.paramCount < best.route.matcher.paramCount) best = { route, params };
		}
		return { found: best, pathMatched };
	}

	/** Applies rateLimit.headers ('all' | 'retry-after' | 'none') to a token's headers. */
	function visibleRateHeaders(token) {
		const mode = rateLimit.headers === undefined || rateLimit.headers === true ? 'all' : rateLimit.headers;
		if (mode === 'all') return token;
		const headers = mode === 'retry-after' && token.headers['Retry-After'] ? { 'Retry-After': token.headers['Retry-After'] } : {};
		return { ...token, headers };
	}

	/** Sliding window. Refused requests are not recorded, so they do not extend the window. */
	function takeRateToken(principal) {
		if (!rateLimit) return { allowed: true, headers: {} };
		return visibleRateHeaders(countRateToken(principal));
	}

	function countRateToken(principal) {
		const { limit, windowMs } = rateLimit;
		const key = rateLimit.key(principal);
		const now = Date.now();
		const hits = (windows.get(key) || []).filter((at) => at > now - windowMs);
		windows.set(key, hits);
		// [inferred] header names: Laravel-style X-RateLimit-Limit / X-RateLimit-Remaining (+ Retry-After on refusal).
		if (hits.length >= limit) {
			const retryAfter = Math.max(1, Math.ceil((hits[0] + windowMs - now) / 1000));
			return {
				allowed: false,
				retryAfter,
				headers: {
					'X-RateLimit-Limit': String(limit),
					'X-RateLimit-Remaining': '0',
					'Retry-After': String(retryAfter),
					// [inferred] Laravel also sends the reset instant (epoch seconds) on refusals
					'X-RateLimit-Reset': String(Math.ceil(now / 1000) + retryAfter),
				},
			};
		}
		hits.push(now);
		return {
			allowed: true,
			headers: { 'X-RateLimit-Limit': String(limit), 'X-RateLimit-Remaining': String(limit - hits.length) },
		};
	}

	function findFault(entry) {
		for (const fault of faults) {
			if (fault.remaining <= 0 || !fault.matches(entry)) continue;
			fault.seen += 1;
			if (fault.seen <= fault.after) continue; // skipped matches still count as "seen"
			fault.remaining -= 1;
			fault.hits += 1;
			return fault;
		}
		return null;
	}

	function record(entry, status) {
		entry.status = status;
		stats.total += 1;
		stats.byStatus[status] = (stats.byStatus[status] || 0) + 1;
	}

	function send(res, entry, status, body, headers = {}) {
		const isText = typeof body === 'string';
		const payload = body === undefined ? '' : isText ? body : JSON.stringify(body);
		const hasType = Object.keys(headers).some((name) => name.toLowerCase() === 'content-type');
		const finalHeaders = { ...headers, ...(entry.extraHeaders || {}) };
		if (payload && !hasType) finalHeaders['Content-Type'] = isText ? 'text/plain; charset=utf-8' : 'application/json';
		finalHeaders['Content-Length'] = Buffer.byteLength(payload);
		record(entry, status);
		res.writeHead(status, finalHeaders);
		res.end(payload);
	}

	function sendError(res, entry, status, message, extra = {}, headers = {}) {
		send(res, entry, status, errorBody(status, message, extra), { ...(extra.headers || {}), ...headers });
	}

	/** A refusal from authenticate: {status, body} or {status, message}. */
	const isRefusal = (value) => typeof value.status === 'number' && ('body' in value || 'message' in value);

	async function handle(req, res) {
		const url = new URL(req.url, 'http://emulator.local');
		const pathname = url.pathname;
		const underBase = !basePath || pathname === basePath || pathname.startsWith(`${basePath}/`);
		const path = underBase && basePath ? pathname.slice(basePath.length) || '/' : pathname;
		const rawBody = await readBody(req);
		const { body, parseError } = parseBody(rawBody, req.headers['content-type']);
		const entry = {
			method: req.method.toUpperCase(),
			path,
			query: parseParams(url.searchParams),
			body,
			headers: { ...req.headers },
			status: null,
			at: Date.now(),
			url: req.url,
			rawBody,
		};
		requests.push(entry);

		const fault = findFault(entry);
		if (fault) {
			if (fault.delayMs) await sleep(fault.delayMs);
			if (fault.drop) {
				record(entry, 'dropped');
				req.socket.destroy();
				return;
			}
			if (fault.status) {
				const headers = { ...(fault.headers || {}) };
				if (fault.retryAfter !== undefined) headers['Retry-After'] = String(fault.retryAfter);
				const faultBody =
					fault.body !== undefined ? fault.body : errorBody(fault.status, REASONS[fault.status] || 'Injected fault', {});
				send(res, entry, fault.status, faultBody, headers);
				return;
			}
			// delay/headers-only fault: answer normally, just late and/or with extra headers
			if (fault.headers) entry.extraHeaders = fault.headers;
		}

		if (parseError) return sendError(res, entry, 400, parseError);

		const raw = findRoute(rawRoutes, entry.method, pathname);
		const base = underBase ? findRoute(routes, entry.method, path) : { found: null, pathMatched: false };
		const found = raw.found || base.found;
		if (!found) {
			if (raw.pathMatched || base.pathMatched) return sendError(res, entry, 405, 'Method not allowed.');
			return sendError(res, entry, 404, `Route ${entry.method} ${path} not found.`);
		}
		const isRaw = found === raw.found;
		const needsAuth = isRaw ? found.route.auth === true : found.route.auth !== false;

		const ctx = {
			method: entry.method,
			path,
			params: found.params,
			query: entry.query,
			body,
			rawBody,
			headers: entry.headers,
			// query + object body merged (body wins): lets providers accept a field in either place
			input: { ...entry.query, ...(body && typeof body === 'object' && !Array.isArray(body) ? body : {}) },
			principal: null,
			req,
			emulator,
		};

		let rateHeaders = {};
		try {
			if (needsAuth) {
				const principal = await authenticate(ctx);
				if (!principal) return sendError(res, entry, 401, 'Unauthenticated.');
				if (isRefusal(principal)) {
					const refusalBody =
						principal.body !== undefined ? principal.body : errorBody(principal.status, principal.message, {});
					return send(res, entry, principal.status, refusalBody, principal.headers || {});
				}
				ctx.principal = principal;
				const token = takeRateToken(principal);
				rateHeaders = token.headers;
				if (!token.allowed) {
					return sendError(res, entry, rateLimit.status, 'Too Many Attempts.', { retryAfter: token.retryAfter }, rateHeaders);
				}
			}
			const result = (await found.route.handler(ctx)) || { status: 204 };
			send(res, entry, result.status || 200, result.body, { ...rateHeaders, ...(result.headers || {}) });
		} catch (error) {
			if (error instanceof HttpError) return sendError(res, entry, error.status, error.message, error.extra, rateHeaders);
			if (process.env.EMULATOR_DEBUG) process.stderr.write(`${error.stack || error}\n`);
			return sendError(res, entry, 500, 'An error occurred', { error: String(error && error.message) }, rateHeaders);
		}
	}

	const emulator = {
		get origin() {
			return port === null ? null : `http://127.0.0.1:${port}`;
		},
		get baseUrl() {
			return port === null ? null : `http://127.0.0.1:${port}${basePath}`;
		},
		get port() {
			return port;
		},
		basePath,
		/** Every request received, in order (live array, cleared by clearLog). */
		get requests() {
			return requests;
		},
		/** listen(port?) on 127.0.0.1; random port when omitted. Resolves with the emulator. */
		listen(fixedPort = 0) {
			return new Promise((resolve, reject) => {
				server = http.createServer((req, res) => {
					handle(req, res).catch((error) => {
						if (!res.headersSent) {
							res.writeHead(500, { 'Content-Type': 'application/json' });
							res.end(JSON.stringify(errorBody(500, 'An error occurred', { error: String(error) })));
						}
					});
				});
				server.on('connection', (socket) => {
					sockets.add(socket);
					socket.on('close', () => sockets.delete(socket));
				});
				server.once('error', reject);
				server.listen(fixedPort, '127.0.0.1', () => {
					port = server.address().port;
					resolve(emulator);
				});
			});
		},
		/** Closes the server and any keep-alive sockets. */
		close() {
			if (!server) return Promise.resolve();
			return new Promise((resolve) => {
				server.close(() => resolve());
				for (const socket of sockets) socket.destroy();
				server = null;
			});
		},
		clearLog() {
			requests = [];
		},
		/** Requests matching 'GET /projects' / '* /x/{id}' / predicate. */
		findRequests(match) {
			const matches = compileRequestMatcher(match);
			return requests.filter((entry) => matches(entry));
		},
		/**
		 * fault('GET /projects', { status: 503 }) or fault({ match, status, ... }).
		 * Options: status, body, headers, retryAfter, times (default 1, Infinity ok), delayMs, drop, after.
		 * A fault without status or drop answers normally, adding its headers (e.g. X-RateLimit-*).
		 * Returns the live fault record ({ hits, seen, remaining }).
		 */
		fault(match, spec = {}) {
			const definition = typeof match === 'object' && match !== null && typeof match !== 'function' ? match : { ...spec, match };
			const record = {
				...definition,
				after: definition.after || 0,
				remaining: definition.times === undefined ? 1 : definition.times,
				hits: 0,
				seen: 0,
				matches: compileRequestMatcher(definition.match || '*'),
			};
			faults.push(record);
			return record;
		},
		clearFaults() {
			faults = [];
		},
		get faults() {
			return faults;
		},
		setRateLimit(config) {
			configureRateLimit(config);
		},
		get rateLimit() {
			return rateLimit && { limit: rateLimit.limit, windowMs: rateLimit.windowMs, status: rateLimit.status };
		},
		/** Forget counted requests (fresh window for every principal). */
		resetRateLimit() {
			windows.clear();
		},
		stats() {
			return { total: stats.total, byStatus: { ...stats.byStatus } };
		},
		resetStats() {
			stats = { total: 0, byStatus: {} };
		},
		addRoute: addRoute(routes),
		/** Route outside basePath (full path), e.g. { method: 'POST', path: '/oauth/token', handler }. */
		addRawRoute: addRoute(rawRoutes),
	};
	return emulator;
}

module.exports = { createEmulator, HttpError, parseParams, compilePath, compileRequestMatcher };
