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
 * Faults (emulator.fault, see its JSDoc) can replace or slow down any answer: error statuses, dropped
 * sockets, non-JSON 2xx bodies, redirects, stalled or dripping bodies. startCaptureServer() gives a
 * second origin that records what reaches it (cross-origin redirect tests).
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
 * @param {{limit?, windowMs?, status?, key?, headers?, window?}|false} [options.rateLimit]
 *        headers: 'all' (default: X-RateLimit-* on every answer, Retry-After + X-RateLimit-Reset on refusals),
 *        'retry-after' (only Retry-After, on refusals) or 'none' (no rate-limit headers at all);
 *        window: 'sliding' (default: the last windowMs) or 'fixed' (Laravel's throttle: the count starts
 *        with the first request and is dropped windowMs later)
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
	const fixedWindows = new Map(); // rate-limit key -> {startedAt, count} (fixed window)
	let rateLimit = null;
	const sockets = new Set();
	const stalled = new Set(); // responses held open by a stallAfterHeaders fault
	const slowFaults = new WeakMap(); // log entry -> fault with stallAfterHeaders / dripBody
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

	/** Sliding or fixed window. Refused requests are not counted, so they do not extend the window. */
	function takeRateToken(principal) {
		if (!rateLimit) return { allowed: true, headers: {} };
		return visibleRateHeaders(countRateToken(principal));
	}

	/** Laravel's throttle: a count that starts with the first request and is dropped windowMs later. */
	function countFixedWindow(key, now) {
		const { limit, windowMs } = rateLimit;
		let window = fixedWindows.get(key);
		if (!window || now >= window.startedAt + windowMs) {
			window = { startedAt: now, count: 0 };
			fixedWindows.set(key, window);
		}
		if (window.count >= limit) return { full: true, freesAt: window.startedAt + windowMs };
		window.count++;
		return { full: false, remaining: limit - window.count };
	}

	function countRateToken(principal) {
		const { limit, windowMs } = rateLimit;
		const key = rateLimit.key(principal);
		const now = Date.now();
		let counted;
		if (rateLimit.window === 'fixed') {
			counted = countFixedWindow(key, now);
		} else {
			const hits = (windows.get(key) || []).filter((at) => at > now - windowMs);
			windows.set(key, hits);
			if (hits.length >= limit) counted = { full: true, freesAt: hits[0] + windowMs };
			else {
				hits.push(now);
				counted = { full: false, remaining: limit - hits.length };
			}
		}
		// [inferred] header names: Laravel-style X-RateLimit-Limit / X-RateLimit-Remaining (+ Retry-After on refusal).
		if (counted.full) {
			const retryAfter = Math.max(1, Math.ceil((counted.freesAt - now) / 1000));
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
		return {
			allowed: true,
			headers: { 'X-RateLimit-Limit': String(limit), 'X-RateLimit-Remaining': String(counted.remaining) },
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
		const isText = typeof body === 'string' || Buffer.isBuffer(body);
		const payload = body === undefined ? '' : isText ? body : JSON.stringify(body);
		const hasType = Object.keys(headers).some((name) => name.toLowerCase() === 'content-type');
		const finalHeaders = { ...headers, ...(entry.extraHeaders || {}) };
		if (payload.length && !hasType) finalHeaders['Content-Type'] = isText ? 'text/plain; charset=utf-8' : 'application/json';
		deliver(res, entry, status, finalHeaders, payload);
	}

	/**
	 * Writes status + headers + payload (string or Buffer). Content-Length is always set from the payload,
	 * except for a stalled answer whose whole body is held back (chunked, so the body never "completes").
	 * A stallAfterHeaders / dripBody fault hit by this request changes how the body goes out.
	 */
	function deliver(res, entry, status, headers, payload) {
		const bytes = Buffer.isBuffer(payload) ? payload : Buffer.from(payload, 'utf8');
		const delivery = slowFaults.get(entry) || {};
		record(entry, status);
		if (delivery.stallAfterHeaders) {
			const stall = typeof delivery.stallAfterHeaders === 'object' ? delivery.stallAfterHeaders : {};
			let first = Buffer.alloc(0);
			if (stall.firstChunk !== undefined) first = Buffer.from(stall.firstChunk);
			else if (stall.bytes) first = bytes.subarray(0, stall.bytes);
			const outHeaders = { ...headers };
			// Declare the full length only when more than the first chunk is promised; otherwise go chunked.
			if (bytes.length > first.length && stall.firstChunk === undefined) outHeaders['Content-Length'] = bytes.length;
			entry.delivery = 'stalled';
			res.writeHead(status, outHeaders);
			if (first.length) res.write(first);
			else res.flushHeaders();
			stalled.add(res);
			res.on('close', () => stalled.delete(res));
			return; // never ended: the socket stays open until the client aborts or close() destroys it
		}
		res.writeHead(status, { ...headers, 'Content-Length': bytes.length });
		if (delivery.dripBody && bytes.length) {
			const drip = typeof delivery.dripBody === 'object' ? delivery.dripBody : {};
			const intervalMs = drip.intervalMs === undefined ? 200 : drip.intervalMs;
			const chunkBytes = Math.max(1, drip.chunkBytes || 1);
			entry.delivery = 'dripped';
			let offset = 0;
			let timer = null;
			const writeNext = () => {
				if (res.destroyed || res.writableEnded) return;
				const chunk = bytes.subarray(offset, offset + chunkBytes);
				offset += chunk.length;
				if (offset >= bytes.length) {
					res.end(chunk);
					return;
				}
				res.write(chunk);
				timer = setTimeout(writeNext, intervalMs);
			};
			res.on('close', () => clearTimeout(timer));
			writeNext(); // first chunk right after the headers, then one every intervalMs
			return;
		}
		res.end(bytes);
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
			if (fault.stallAfterHeaders || fault.dripBody) slowFaults.set(entry, fault);
			const contentType = fault.contentType ? { 'Content-Type': fault.contentType } : {};
			if (fault.redirectTo !== undefined) {
				const status = fault.status || 302;
				const headers = { ...contentType, ...(fault.headers || {}), Location: String(fault.redirectTo) };
				send(res, entry, status, fault.rawBody !== undefined ? fault.rawBody : fault.body, headers);
				return;
			}
			if (fault.rawBody !== undefined) {
				// verbatim bytes (e.g. an HTML maintenance page on a 200); Content-Type only if given
				const headers = { ...contentType, ...(fault.headers || {}) };
				if (fault.retryAfter !== undefined) headers['Retry-After'] = String(fault.retryAfter);
				deliver(res, entry, fault.status || 200, headers, fault.rawBody);
				return;
			}
			if (fault.status) {
				const headers = { ...contentType, ...(fault.headers || {}) };
				if (fault.retryAfter !== undefined) headers['Retry-After'] = String(fault.retryAfter);
				const faultBody =
					fault.body !== undefined ? fault.body : errorBody(fault.status, REASONS[fault.status] || 'Injected fault', {});
				send(res, entry, fault.status, faultBody, headers);
				return;
			}
			// delay/headers/stall/drip-only fault: answer normally, just late, with extra headers and/or slowly
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
				// keep-alive, stalled and dripping sockets alike: nothing is left for close() to wait on
				for (const res of stalled) res.destroy();
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
		 * Returns the live fault record ({ hits, seen, remaining }).
		 *
		 * Matching / scheduling:
		 *   match       'GET /path', '* /x/{id}', '/x' (any method), '*' or predicate(entry)
		 *   times       how many matching requests it hits (default 1, Infinity ok)
		 *   after       skip the first n matches (they still count as seen)
		 *   delayMs     wait before answering (combines with everything below)
		 *
		 * What the answer is (first that applies):
		 *   drop: true        destroy the socket without answering (logged status 'dropped')
		 *   redirectTo: url   redirect with Location: url; status 301/302/303/307/308 (default 302); empty body
		 *                     unless body / rawBody is given (e.g. to another origin: startCaptureServer().origin)
		 *   rawBody: string|Buffer
		 *                     sent verbatim (may be '') with status (default 200), Content-Type: contentType
		 *                     (no Content-Type header when contentType is omitted), e.g.
		 *                     { status: 200, rawBody: '<html>maintenance</html>', contentType: 'text/html' }
		 *   status            answer status with body (object -> JSON, string -> text/plain unless contentType /
		 *                     headers say otherwise; default: the provider's error body for that status),
		 *                     headers, retryAfter (-> Retry-After)
		 *   none of these     the request is answered normally (auth, routes, rate limit), adding headers
		 *                     (e.g. X-RateLimit-*) and applying the delivery options below
		 *
		 * How the body goes out (applies to a fault answer or, without status/rawBody, the normal answer):
		 *   stallAfterHeaders: true | { firstChunk?: string|Buffer, bytes?: number }
		 *                     send status + headers (+ firstChunk, or the first `bytes` bytes of the body) and
		 *                     never finish: Content-Length announces the full body (chunked when it's all held
		 *                     back or firstChunk is given). The socket stays open until the client aborts or
		 *                     emulator.close() (which destroys it). Logged with entry.delivery = 'stalled'.
		 *   dripBody: { intervalMs = 200, chunkBytes = 1 }
		 *                     full Content-Length, then chunkBytes at once and chunkBytes every intervalMs until
		 *                     done: an idle/socket timeout > intervalMs never fires, an overall deadline shorter
		 *                     than ceil(size / chunkBytes - 1) * intervalMs does. entry.delivery = 'dripped'.
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
			fixedWindows.clear();
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

/**
 * A second origin for cross-origin tests (e.g. a redirectTo fault pointing here): an HTTP server on
 * 127.0.0.1, random port, that records every request and answers 200 {"captured": true}.
 *   const capture = await startCaptureServer();   // or startCaptureServer({ status, body, headers })
 *   emulator.fault('GET /projects', { status: 302, redirectTo: `${capture.origin}/landing` });
 *   ...; expect(capture.requests[0].headers.authorization).toBeUndefined();
 * capture.origin 'http://127.0.0.1:<port>', capture.port, capture.requests (live array of
 * { method, url, headers (lower-cased, as Node parses them), rawHeaders, body, at }),
 * capture.clear(), capture.close() (also ends keep-alive sockets).
 */
function startCaptureServer(options = {}) {
	const status = options.status || 200;
	const body = options.body === undefined ? { captured: true } : options.body;
	const requests = [];
	const sockets = new Set();
	const server = http.createServer(async (req, res) => {
		const entry = { method: req.method, url: req.url, headers: { ...req.headers }, rawHeaders: [...req.rawHeaders], body: '', at: Date.now() };
		requests.push(entry);
		try {
			entry.body = await readBody(req);
		} catch {
			return;
		}
		const isText = typeof body === 'string';
		const payload = isText ? body : JSON.stringify(body);
		res.writeHead(status, {
			'Content-Type': isText ? 'text/plain; charset=utf-8' : 'application/json',
			'Content-Length': Buffer.byteLength(payload),
			...(options.headers || {}),
		});
		res.end(payload);
	});
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	return new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			let closed = false;
			resolve({
				origin: `http://127.0.0.1:${port}`,
				port,
				requests,
				clear() {
					requests.length = 0;
				},
				close() {
					if (closed) return Promise.resolve();
					closed = true;
					return new Promise((done) => {
						server.close(() => done());
						for (const socket of sockets) socket.destroy();
					});
				},
			});
		});
	});
}

module.exports = { createEmulator, startCaptureServer, HttpError, parseParams, compilePath, compileRequestMatcher };
