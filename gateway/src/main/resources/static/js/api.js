// Calls to the CTIMS API through the gateway. The session cookie is HttpOnly (the page never sees
// it); the page echoes the readable XSRF-TOKEN cookie in X-XSRF-TOKEN on every change.

/** The CSRF token Spring Security put in the XSRF-TOKEN cookie. */
export function csrfToken() {
  const cookie = document.cookie.split('; ').find((c) => c.startsWith('XSRF-TOKEN='));
  return cookie ? decodeURIComponent(cookie.substring('XSRF-TOKEN='.length)) : '';
}

/** A failed call: the HTTP status and the RFC 9457 problem (with its field {@code errors}, if any). */
export class ApiError extends Error {
  constructor(status, problem, headers) {
    super(problem.detail || problem.title || `The request failed (${status}).`);
    this.status = status;
    this.problem = problem;
    this.headers = headers;
  }

  /** Field errors as {field: message}; several messages of one field are joined. */
  fieldErrors() {
    const errors = {};
    for (const e of this.problem.errors || []) {
      errors[e.field] = errors[e.field] ? `${errors[e.field]}; ${e.message}` : e.message;
    }
    return errors;
  }
}

let sessionEnded = false;

/** Whether an API call found the session ended (the page then offers a new sign-in). */
export function hasSessionEnded() {
  return sessionEnded;
}

function endSession() {
  if (!sessionEnded) {
    sessionEnded = true;
    window.dispatchEvent(new CustomEvent('ctims:session-ended'));
  }
}

async function send(path, options) {
  const headers = new Headers(options.headers || {});
  if (!headers.has('Accept')) {
    headers.set('Accept', 'application/json, application/problem+json');
  }
  const method = (options.method || 'GET').toUpperCase();
  if (method !== 'GET' && method !== 'HEAD') {
    headers.set('X-XSRF-TOKEN', csrfToken());
  }
  const response = await fetch(path, { ...options, method, headers, credentials: 'same-origin' });
  if (response.status === 401) {
    // the session ended (timeout, signed out elsewhere, the gateway restarted): the page says so and
    // offers a new sign-in; it does not leave by itself, so the user sees why and drafts stay
    endSession();
    throw new ApiError(401, { title: 'Session ended', detail: 'Your session ended: sign in again.' }, response.headers);
  }
  if (!response.ok) {
    const problem = await response.json().catch(() => ({}));
    throw new ApiError(response.status, problem, response.headers);
  }
  return response;
}

/** JSON in, JSON out. */
export async function api(path, options = {}) {
  const response = await send(path, options);
  return response.status === 204 ? null : response.json();
}

/** JSON with the response's ETag: {body, etag}. */
export async function apiWithEtag(path, options = {}) {
  const response = await send(path, options);
  return { body: await response.json(), etag: response.headers.get('ETag') };
}

/** Sends a JSON body. */
export function jsonBody(method, value, headers = {}) {
  return { method, headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(value) };
}

/** Downloads a file the API answers (e.g. an Excel export) under the name the server gives. */
export async function download(path, fallbackName) {
  const response = await send(path, { headers: { Accept: '*/*' } });
  const blob = await response.blob();
  const disposition = response.headers.get('Content-Disposition') || '';
  const match = /filename="?([^";]+)"?/.exec(disposition);
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = match ? match[1] : fallbackName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
  return link.download;
}

/** Query string from an object, leaving out empty values. */
export function query(params) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') {
      search.set(key, String(value));
    }
  }
  return search.toString();
}
