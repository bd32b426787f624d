// Screens 3 and 6, the student list of a school and year: follow-up collection (last year's
// seniors) or certificate collection (every grade). Filter by name/STN and completion, sort by
// any column, pages of 100 (or another size), totals, refresh, export to Excel; a row opens the
// student's report. The list's state lives in the address, so "Return to list" comes back to it.

import { api, download, query } from './api.js';
import { announce, fill, focusHeading, h, usDate } from './dom.js';
import { writesReports } from './bulk.js';
import { draftIds } from './drafts.js';
import { nextSchoolYear, schoolLabel } from './start.js';

export const MODES = {
  followup: { title: 'Follow-up collection', grade: 12 },
  certificates: { title: 'Certificate collection', grade: null },
};

const PAGE_SIZES = [25, 50, 100, 200, 500];
const SEARCH_DEBOUNCE_MS = 300;

const COLUMNS = [
  { sort: 'school', label: 'School name', value: (r) => r.schoolName, className: 'col-school' },
  { sort: 'pid', label: 'PID', value: (r) => r.pid, className: 'col-narrow' },
  { sort: 'teachers', label: 'Teacher name', value: (r) => r.teachers },
  { sort: 'name', label: 'Student name', value: null, className: 'col-student' },
  { sort: 'stn', label: 'Student STN', value: (r) => r.stn, className: 'col-stn' },
  { sort: 'birthDate', label: 'Birth date', value: (r) => usDate(r.birthDate), className: 'col-date' },
  { sort: 'grade', label: 'Grade', value: (r) => r.grade ?? '', className: 'col-narrow' },
  { sort: 'gender', label: 'Gender', value: (r) => capitalize(r.gender), className: 'col-gender' },
  { sort: 'followUpComplete', label: 'Follow-Up Completion?', value: (r) => (r.followUpApplies ? yesNo(r.followUpComplete) : 'Not asked'), className: 'col-flag', testId: 'follow-up-complete' },
  { sort: 'certificateComplete', label: 'Certificate Complete', value: (r) => yesNo(r.certificateComplete), className: 'col-flag', testId: 'certificate-complete' },
  { sort: 'division', label: 'Division name', value: (r) => r.division },
];

function yesNo(value) {
  return value ? 'Yes' : 'No';
}

function capitalize(text) {
  return text ? text.charAt(0).toUpperCase() + text.substring(1) : '';
}

/** The list's state from the address: {org, year, q, fc, cc, sort, page, size}. */
export function listState(routeQuery) {
  return {
    org: routeQuery.get('org') || '',
    year: routeQuery.get('year') || '',
    q: routeQuery.get('q') || '',
    fc: routeQuery.get('fc') || '',
    cc: routeQuery.get('cc') || '',
    sort: routeQuery.get('sort') || 'name',
    page: Number(routeQuery.get('page') || 0),
    size: Number(routeQuery.get('size') || 100),
  };
}

/** The list request of the follow-up API for a state (no paging). */
export function listApiParams(mode, state) {
  return {
    org: state.org,
    year: state.year,
    grade: MODES[mode].grade,
    q: state.q,
    followUpComplete: state.fc,
    certificateComplete: state.cc,
    sort: state.sort,
  };
}

/** The address of the list (or of a report in it) with the list's state. */
export function listQuery(state) {
  const q = {};
  for (const [key, value] of Object.entries(state)) {
    const defaults = { sort: 'name', page: 0, size: 100 };
    if (value !== '' && value !== null && value !== defaults[key]) {
      q[key] = value;
    }
  }
  return q;
}

export function render(container, route, context) {
  const mode = route.params.mode;
  const state = listState(route.query);
  const drafts = draftIds(context.me.username);
  let searchTimer;
  let controller;

  if (!state.org || !state.year) {
    context.navigate('/', { task: mode });
    return null;
  }

  const heading = h('h1', { id: 'list-heading' }, `${MODES[mode].title}: students`);
  const totals = h('p', { className: 'totals', 'data-testid': 'totals', 'aria-live': 'polite' });
  const tbody = h('tbody');
  const headRow = h('tr');
  const range = h('p', { className: 'range', 'data-testid': 'range' });
  const pager = h('div', { className: 'pager-buttons' });

  const search = h('input', {
    id: 'student-search', type: 'search', className: 'input', value: state.q, maxLength: 100,
    autocomplete: 'off', 'data-testid': 'student-search',
    oninput: () => {
      clearTimeout(searchTimer);
      searchTimer = setTimeout(() => { state.q = search.value.trim(); state.page = 0; load(); }, SEARCH_DEBOUNCE_MS);
    },
  });
  const completionFilter = (id, label, key) => {
    const select = h('select', {
      id, className: 'input', 'data-testid': id,
      onchange: () => { state[key] = select.value; state.page = 0; load(); },
    },
    h('option', { value: '', selected: state[key] === '' }, 'All'),
    h('option', { value: 'true', selected: state[key] === 'true' }, 'Yes'),
    h('option', { value: 'false', selected: state[key] === 'false' }, 'No'));
    return h('div', { className: 'field' }, h('label', { htmlFor: id, className: 'label' }, label), select);
  };
  const sizeSelect = h('select', {
    id: 'page-size', className: 'input', 'data-testid': 'page-size',
    onchange: () => { state.size = Number(sizeSelect.value); state.page = 0; load(); },
  }, PAGE_SIZES.map((size) => h('option', { value: size, selected: size === state.size }, `${size}`)));

  const schoolName = schoolLabel(context, state.org);
  container.append(
    h('div', { className: 'screen-head' },
      heading,
      h('dl', { className: 'facts' },
        fact('Organization', schoolName),
        fact('Enrollment calendar year', state.year),
        fact('Current calendar year', nextSchoolYear(state.year)),
        fact('Submitter name', context.me.name || context.me.username)),
      h('p', {}, h('a', { href: `#/?${query({ task: mode, org: state.org, year: state.year })}` }, 'Change task, year or organization'))),
    h('div', { className: 'toolbar', role: 'search', 'aria-label': 'Filter the students' },
      h('div', { className: 'field grow' },
        h('label', { htmlFor: 'student-search', className: 'label' }, 'Find by name or STN'), search),
      mode === 'followup' ? completionFilter('filter-follow-up', 'Follow-Up Completion?', 'fc') : null,
      completionFilter('filter-certificate', 'Certificate Complete', 'cc'),
      h('div', { className: 'toolbar-buttons' },
        h('button', { type: 'button', className: 'button', id: 'refresh', onclick: () => load({ announceDone: true }) }, 'Refresh'),
        h('button', { type: 'button', className: 'button', id: 'export', onclick: exportList }, 'Export to Excel'),
        mode === 'followup' && writesReports(context.me)
          ? h('a', { className: 'button', id: 'bulk-entry', href: `#/followup/bulk?${query({ org: state.org, year: state.year })}` },
            'Bulk entry (spreadsheet)')
          : null)),
    totals,
    h('table', { className: 'students', 'data-testid': 'students' },
      h('caption', { className: 'visually-hidden' }, `Students of ${schoolName}, ${state.year}. Select a student's name to open the report.`),
      h('thead', {}, headRow),
      tbody),
    h('div', { className: 'pager' },
      h('div', { className: 'field inline' }, h('label', { htmlFor: 'page-size', className: 'label' }, 'Students per page'), sizeSelect),
      range, pager));

  function fact(label, value) {
    return h('div', { className: 'fact' }, h('dt', {}, label), h('dd', {}, value));
  }

  function reportHref(row) {
    return `#/${mode}/report/${row.id}?${new URLSearchParams(listQuery(state)).toString()}`;
  }

  function drawHead() {
    const [column, direction] = state.sort.split(',');
    fill(headRow, COLUMNS.map((c) => {
      const sorted = c.sort === column;
      const descending = sorted && direction === 'desc';
      return h('th', { scope: 'col', className: c.className || null, 'aria-sort': sorted ? (descending ? 'descending' : 'ascending') : null },
        h('button', {
          type: 'button', className: 'sort-button', dataset: { sort: c.sort },
          onclick: () => { state.sort = sorted && !descending ? `${c.sort},desc` : c.sort; state.page = 0; load(); },
        }, c.label, h('span', { className: 'sort-mark', 'aria-hidden': 'true' }, sorted ? (descending ? ' ▼' : ' ▲') : '')));
    }));
  }

  function drawRows(page) {
    if (page.rows.length === 0) {
      fill(tbody, h('tr', {}, h('td', { colSpan: COLUMNS.length, className: 'empty' }, 'No students match.')));
      return;
    }
    fill(tbody, page.rows.map((row) => {
      const cells = COLUMNS.map((c) => {
        if (c.value === null) {
          return h('td', { className: c.className },
            h('a', { href: reportHref(row), className: 'student-link', 'data-testid': 'student-link' }, row.studentName),
            drafts.has(row.id) ? h('span', { className: 'badge warn' }, 'Unsaved changes') : null,
            row.removed ? h('span', { className: 'badge' }, 'Removed from roster') : null);
        }
        return h('td', { className: c.className || null, 'data-testid': c.testId || null }, c.value(row));
      });
      return h('tr', {
        dataset: { id: row.id, stn: row.stn },
        onclick: (event) => {
          if (!event.target.closest('a')) {
            window.location.hash = reportHref(row);
          }
        },
      }, cells);
    }));
  }

  function drawTotals(page) {
    const t = page.totals;
    const parts = [`${t.students} students`];
    if (mode === 'followup') {
      parts.push(`follow-up complete: ${t.followUpComplete} of ${t.followUpApplicable}`);
    }
    parts.push(`certificate complete: ${t.certificateComplete} of ${t.students}`);
    totals.textContent = parts.join(' · ');
    const first = page.totalRows === 0 ? 0 : page.page * page.size + 1;
    const last = Math.min(page.totalRows, (page.page + 1) * page.size);
    range.textContent = `${first} – ${last} of ${page.totalRows} students`;
    const lastPage = Math.max(0, page.totalPages - 1);
    const button = (label, target, disabled) => h('button', {
      type: 'button', className: 'button small', disabled,
      onclick: () => { state.page = target; load(); },
    }, label);
    fill(pager,
      button('First page', 0, page.page === 0),
      button('Previous page', page.page - 1, page.page === 0),
      h('span', { className: 'page-no' }, `Page ${page.page + 1} of ${Math.max(1, page.totalPages)}`),
      button('Next page', page.page + 1, page.page >= lastPage),
      button('Last page', lastPage, page.page >= lastPage));
  }

  async function load({ announceDone = false } = {}) {
    history.replaceState(null, '', `#/${mode}?${new URLSearchParams(listQuery(state)).toString()}`);
    drawHead();
    controller?.abort();
    controller = new AbortController();
    container.setAttribute('aria-busy', 'true');
    try {
      const page = await api(`/api/followups?${query({ ...listApiParams(mode, state), page: state.page, size: state.size })}`,
        { signal: controller.signal });
      drawRows(page);
      drawTotals(page);
      performance.mark('ctims:list-rendered');
      if (announceDone) {
        announce(`List refreshed: ${totals.textContent}.`);
      }
    } catch (error) {
      if (error.name !== 'AbortError') {
        announce(`The student list could not be loaded: ${error.message}`, { error: true });
      }
    } finally {
      container.removeAttribute('aria-busy');
    }
  }

  async function exportList() {
    announce('Preparing the Excel file…');
    try {
      const name = await download(`/api/followups/export?${query(listApiParams(mode, state))}`, `students-${state.org}-${state.year}.xlsx`);
      announce(`Downloaded ${name}.`);
    } catch (error) {
      announce(`The export failed: ${error.message}`, { error: true });
    }
  }

  document.title = `${MODES[mode].title} – CTIMS Follow-Up`;
  load();
  focusHeading(container);
  return { dispose: () => { controller?.abort(); clearTimeout(searchTimer); } };
}
