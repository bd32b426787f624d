// The web client: who is signed in, and hash routes to the screens. Each screen is a module whose
// render(container, route, context) returns an optional {leave(), dispose()}: leave() may ask the
// user before going elsewhere (unsaved changes) and answers whether the page may change.

import { api, csrfToken, hasSessionEnded, query } from './api.js';
import { announce, fill, h } from './dom.js';
import { clearAllDrafts } from './drafts.js';
import * as start from './start.js';
import * as students from './students.js';
import * as report from './report.js';
import * as stateStaff from './state.js';
import * as reports from './reports.js';
import * as bulk from './bulk.js';
import * as rosterUpload from './roster-upload.js';

const ROLE_LABELS = {
  'teacher': 'Teacher',
  'school-admin': 'School administrator',
  'state-admin': 'State administrator',
  'sis-integration': 'SIS integration',
  'report-consumer': 'Report consumer',
};

/** Routes: the first match of the path (after '#') wins. */
const ROUTES = [
  { pattern: /^\/?$/, screen: start },
  { pattern: /^\/(followup|certificates)$/, screen: students, params: ['mode'] },
  { pattern: /^\/(followup|certificates)\/report\/([0-9a-f-]{36})$/, screen: report, params: ['mode', 'id'] },
  { pattern: /^\/state\/(assessments|roster)$/, screen: stateStaff, params: ['page'] },
  { pattern: /^\/reports$/, screen: reports },
  { pattern: /^\/followup\/bulk$/, screen: bulk },
  { pattern: /^\/state\/roster-upload$/, screen: rosterUpload },
];

const context = {
  me: null,
  /** pid → school name, from the roster service */
  schoolNames: new Map(),
  navigate,
};

let current = null;
let currentHash = null;
let revertingTo = null;

/** Parses "#/followup?org=1&year=…" into {path, query}. */
export function parseHash(hash) {
  const text = hash.replace(/^#/, '');
  const [path, search] = text.split('?', 2);
  return { path: path || '/', query: new URLSearchParams(search || '') };
}

function navigate(path, params) {
  const search = params ? query(params) : '';
  window.location.hash = search ? `${path}?${search}` : path;
}

async function onHashChange() {
  if (revertingTo !== null && window.location.hash === revertingTo) {
    revertingTo = null;
    return;
  }
  if (current?.leave && !(await current.leave())) {
    // stay: put the address back without showing the screen again
    revertingTo = currentHash;
    window.location.hash = currentHash;
    return;
  }
  show();
}

function show() {
  current?.dispose?.();
  current = null;
  currentHash = window.location.hash || '#/';
  // the start of a screen, for the time until it is drawn (read by the browser tests; see the README)
  performance.mark('ctims:navigation', { detail: currentHash });
  const route = parseHash(currentHash);
  const main = document.getElementById('main');
  const match = ROUTES.map((r) => ({ r, m: r.pattern.exec(route.path) })).find((x) => x.m);
  announce('');
  if (!match) {
    fill(main, h('h1', { tabIndex: -1 }, 'Page not found'), h('p', {}, h('a', { href: '#/' }, 'Back to the start')));
    return;
  }
  const params = {};
  (match.r.params || []).forEach((name, i) => { params[name] = match.m[i + 1]; });
  fill(main);
  current = match.r.screen.render(main, { ...route, params }, context) || null;
}

function showUser(me) {
  document.getElementById('user-name').textContent = me.name || me.username;
  const roles = me.roles.map((role) => ROLE_LABELS[role] || role);
  document.getElementById('user-roles').textContent = roles.length ? `(${roles.join(', ')})` : '';
}

/** The schools' names from the roster service; a school it cannot name keeps its PID. */
async function loadSchoolNames(organizations) {
  await Promise.all(organizations.map(async (org) => {
    try {
      const found = await api(`/api/roster/organizations?q=${encodeURIComponent(org.pid)}`);
      const school = found.find((candidate) => candidate.pid === org.pid);
      if (school) {
        context.schoolNames.set(org.pid, school.name);
      }
    } catch (error) {
      // the roster service may be down or not know the school yet: the PID is shown instead
    }
  }));
}

let signingOut = false;

function wireSignOut() {
  // A real form post (not fetch), so the browser follows the redirect to Keycloak's logout. The
  // screen is asked first (unsaved changes: save, sign out without them, or stay) and closed, so
  // that no draft is written after every draft is removed.
  const form = document.getElementById('sign-out');
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (current?.leave && !(await current.leave({ signingOut: true }))) {
      return;
    }
    current?.dispose?.();
    current = null;
    clearAllDrafts();
    document.getElementById('csrf-field').value = csrfToken();
    signingOut = true;
    form.submit();
  });
}

/** Where the user was when the session ended: the screen to show again after the new sign-in. */
const RETURN_KEY = 'ctims.returnTo';

/** The session ended: a message that stays, with a way to sign in again and come back here. */
function offerSignInAgain() {
  const link = h('a', {
    className: 'button', href: '/oauth2/authorization/keycloak', 'data-testid': 'sign-in-again',
    onclick: () => sessionStorage.setItem(RETURN_KEY, window.location.hash),
  }, 'Sign in again');
  const message = h('p', { className: 'alert', role: 'alert', 'data-testid': 'session-ended' },
    'Your session ended, sign in again. What you typed and did not save is kept in this browser. ', link);
  document.querySelector('.messages').prepend(message);
  link.focus();
}

function returnToWhereTheSessionEnded() {
  const hash = sessionStorage.getItem(RETURN_KEY);
  sessionStorage.removeItem(RETURN_KEY);
  if (hash && (!window.location.hash || window.location.hash === '#/')) {
    window.history.replaceState(null, '', hash);
  }
}

async function startApp() {
  wireSignOut();
  window.addEventListener('ctims:session-ended', offerSignInAgain);
  returnToWhereTheSessionEnded();
  try {
    context.me = await api('/api/me');
    showUser(context.me);
    await loadSchoolNames(context.me.organizations);
  } catch (error) {
    fill(document.getElementById('main'), h('h1', {}, 'CTIMS Follow-Up'));
    announce(`Could not load your profile: ${error.message}`, { error: true });
    return;
  }
  window.addEventListener('hashchange', onHashChange);
  window.addEventListener('beforeunload', (event) => {
    // closing the tab or reloading: the draft is kept anyway, but the browser asks as well
    if (!signingOut && !hasSessionEnded() && current?.hasUnsavedChanges?.()) {
      event.preventDefault();
      event.returnValue = '';
    }
  });
  show();
}

startApp();
