// The web client shell: shows who is signed in and for which schools.
// Sessions and tokens live in the gateway; the page only sees the session cookie (HttpOnly, so
// not even that) and the XSRF-TOKEN cookie, which it echoes back on every change.

const ROLE_LABELS = {
  'teacher': 'Teacher',
  'school-admin': 'School administrator',
  'state-admin': 'State administrator',
  'sis-integration': 'SIS integration',
  'report-consumer': 'Report consumer',
};

/** The CSRF token Spring Security put in the XSRF-TOKEN cookie. */
export function csrfToken() {
  const cookie = document.cookie.split('; ').find((c) => c.startsWith('XSRF-TOKEN='));
  return cookie ? decodeURIComponent(cookie.substring('XSRF-TOKEN='.length)) : '';
}

/** fetch for the CTIMS API: sends the CSRF header and turns problem details into errors. */
export async function api(path, options = {}) {
  const headers = new Headers(options.headers || {});
  headers.set('Accept', 'application/json, application/problem+json');
  if (options.method && options.method !== 'GET') {
    headers.set('X-XSRF-TOKEN', csrfToken());
  }
  const response = await fetch(path, { ...options, headers, credentials: 'same-origin' });
  if (response.status === 401) {
    // the session ended (timeout or signed out elsewhere): start a new login
    window.location.assign('/oauth2/authorization/keycloak');
    throw new Error('Not signed in');
  }
  if (!response.ok) {
    const problem = await response.json().catch(() => ({}));
    throw new Error(problem.detail || `Request failed (${response.status})`);
  }
  return response.status === 204 ? null : response.json();
}

function showUser(me) {
  document.getElementById('user-name').textContent = me.name || me.username;
  const roles = me.roles.map((role) => ROLE_LABELS[role] || role);
  document.getElementById('user-roles').textContent = roles.length ? `(${roles.join(', ')})` : '';

  const list = document.getElementById('schools');
  list.replaceChildren(...me.organizations.map((org) => {
    const item = document.createElement('li');
    item.textContent = `School PID ${org.pid}`;
    item.dataset.pid = org.pid;
    return item;
  }));
  if (me.organizations.length === 0) {
    document.getElementById('schools-intro').textContent = me.roles.includes('state-admin')
      ? 'You act for the whole state, not for single schools.'
      : 'You are not linked to any school yet. Ask your administrator.';
  }
}

/** Fills in the schools' names from the roster service; the PIDs alone stay if it cannot answer. */
async function showSchoolNames(organizations) {
  await Promise.all(organizations.map(async (org) => {
    try {
      const found = await api(`/api/roster/organizations?q=${encodeURIComponent(org.pid)}`);
      const school = found.find((candidate) => candidate.pid === org.pid);
      const item = document.querySelector(`#schools li[data-pid="${org.pid}"]`);
      if (school && item) {
        item.textContent = `${school.name} (PID ${org.pid})`;
      }
    } catch (error) {
      // the roster service may be down or not know the school yet: the PID is still shown
    }
  }));
}

function showError(message) {
  document.getElementById('status').textContent = message;
}

function wireSignOut() {
  // A real form post (not fetch), so the browser follows the redirect to Keycloak's logout.
  document.getElementById('sign-out').addEventListener('submit', () => {
    document.getElementById('csrf-field').value = csrfToken();
  });
}

async function start() {
  wireSignOut();
  try {
    const me = await api('/api/me');
    showUser(me);
    await showSchoolNames(me.organizations);
  } catch (error) {
    showError(`Could not load your profile: ${error.message}`);
  }
}

start();
