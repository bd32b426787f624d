// Screen 8, state staff: upload the Approved Assessment List of a year (a preview of the changes
// and of every invalid row first, then the commit), and the roster imports' rejected records and
// enrollments still waiting for a record, per SIS and school.

import { ApiError, api, query } from './api.js';
import { announce, dateTime, fileBody, fill, focusHeading, h, table } from './dom.js';
import { currentYearStart, schoolYear } from './start.js';

const SHOWN_CHANGES = 50;

/**
 * The state staff pages' guard and links: false (with a note instead of the page) for anyone who
 * is not state staff.
 */
export function statePage(container, context) {
  if (!context.me.roles.includes('state-admin')) {
    container.append(h('h1', {}, 'State staff only'), h('p', {}, 'This page is for state staff.'),
      h('p', {}, h('a', { href: '#/' }, 'Back to the start')));
    focusHeading(container);
    return false;
  }
  container.append(h('p', {}, h('a', { href: '#/' }, 'Start'), ' · ',
    h('a', { href: '#/state/assessments' }, 'Approved Assessment List'), ' · ', h('a', { href: '#/state/roster' }, 'Roster imports'),
    ' · ', h('a', { href: '#/state/roster-upload' }, 'OneRoster upload')));
  return true;
}

export function render(container, route, context) {
  if (!statePage(container, context)) {
    return null;
  }
  if (route.params.page === 'assessments') {
    assessmentList(container);
  } else {
    rosterImports(container);
  }
  focusHeading(container);
  return null;
}

function assessmentList(container) {
  document.title = 'Approved Assessment List – CTIMS Follow-Up';
  const years = [];
  for (let start = currentYearStart() + 1; start >= 2018; start -= 1) years.push(schoolYear(start));
  const yearSelect = h('select', { id: 'list-year', className: 'input', onchange: () => { preview.replaceChildren(); loadHistory(); } },
    years.map((year) => h('option', { value: year, selected: year === schoolYear(currentYearStart()) }, year)));
  const file = h('input', { type: 'file', id: 'list-file', className: 'input', accept: '.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    'aria-describedby': 'list-file-hint', onchange: () => preview.replaceChildren() });
  const preview = h('div', { id: 'import-preview', 'data-testid': 'import-preview' });
  const history = h('div', { id: 'import-history' });

  async function upload(dryRun) {
    const body = fileBody(file, 'Choose the list file (.xlsx) first.');
    if (!body) {
      return;
    }
    announce(dryRun ? 'Reading the list…' : 'Committing the list…');
    try {
      const result = await api(`/api/certifications/catalog-imports?${query({ year: yearSelect.value, dryRun: dryRun ? 'true' : null })}`,
        { method: 'POST', body });
      showResult(result);
      if (!dryRun) {
        announce(`Committed: ${counts(result)}.`);
        loadHistory();
      } else {
        announce(result.valid ? `Preview: ${counts(result)}. Nothing is changed until you commit.`
          : `Preview: ${result.errorCount} invalid row(s). Fix them in the file and preview again.`, { error: !result.valid });
      }
    } catch (error) {
      if (error instanceof ApiError && error.problem.errors) {
        showResult({ ...error.problem, valid: false, counts: null, added: [], changed: [], retired: [] });
      }
      announce(`The list was not ${dryRun ? 'read' : 'committed'}: ${error.message}`, { error: true });
    }
  }

  function counts(result) {
    const c = result.counts;
    return `${c.added} added, ${c.changed} changed, ${c.retired} retired, ${c.unchanged} unchanged`;
  }

  function changes(title, list) {
    if (!list || list.length === 0) return null;
    return h('details', {}, h('summary', {}, `${title}: ${list.length}`),
      h('ul', {}, list.slice(0, SHOWN_CHANGES).map((c) => h('li', {}, `${c.number} ${c.name} (row ${c.row})`)),
        list.length > SHOWN_CHANGES ? h('li', {}, `… and ${list.length - SHOWN_CHANGES} more`) : null));
  }

  function showResult(result) {
    const errors = result.errors || [];
    fill(preview,
      h('h2', { id: 'preview-heading' }, result.committed ? 'Committed' : 'Preview of the changes'),
      result.counts ? h('p', { 'data-testid': 'import-counts' }, `${result.fileName || ''}: ${result.rowsRead} rows read; ${counts(result)}.`) : null,
      changes('Added', result.added), changes('Changed', result.changed), changes('Retired', result.retired),
      errors.length ? table(`Invalid rows: ${result.errorCount ?? errors.length}`, ['Sheet', 'Row', 'Column', 'Reason'],
        errors.map((e) => [e.sheet, e.row === 0 ? 'whole sheet' : e.row, e.column, e.reason || e.message]), { testId: 'import-errors' }) : null,
      !result.committed && result.valid
        ? h('div', { className: 'actions' }, h('button', { type: 'button', className: 'button primary', id: 'commit-list', onclick: () => upload(false) },
          `Commit this list for ${yearSelect.value}`))
        : null,
      !result.valid ? h('p', { className: 'field-error' }, 'This list cannot be committed: fix the rows above in the file, then preview it again.') : null);
  }

  async function loadHistory() {
    try {
      const imports = await api(`/api/certifications/catalog-imports?${query({ year: yearSelect.value })}`);
      fill(history, table(`Committed lists of ${yearSelect.value}`, ['When', 'By', 'File', 'Rows', 'Added', 'Changed', 'Retired'],
        imports.map((i) => [dateTime(i.importedAt), i.importedByName || i.importedBy, i.fileName, i.rowsRead, i.added, i.changed, i.retired])));
    } catch (error) {
      fill(history, h('p', {}, error.status === 404 ? `No list for ${yearSelect.value} yet.` : `The imports could not be loaded: ${error.message}`));
    }
  }

  container.append(h('h1', {}, 'Approved Assessment List'),
    h('form', { className: 'panel', onsubmit: (e) => { e.preventDefault(); upload(true); } },
      h('div', { className: 'grid-2' },
        h('div', { className: 'field' }, h('label', { htmlFor: 'list-year', className: 'label' }, 'School year'), yearSelect),
        h('div', { className: 'field' }, h('label', { htmlFor: 'list-file', className: 'label' }, 'List file'),
          h('p', { className: 'hint', id: 'list-file-hint' }, 'The state\'s ApprovedAssessmentsList_<date>.xlsx. You see every change and invalid row before anything is committed.'),
          file)),
      h('div', { className: 'actions' }, h('button', { type: 'submit', className: 'button primary', id: 'preview-list' }, 'Preview changes'),
        h('a', { className: 'button', href: '#', id: 'export-list', onclick: (e) => { e.preventDefault(); window.location.assign(`/api/certifications/catalog-exports/${yearSelect.value}`); } }, 'Download the current list'))),
    preview, history);
  loadHistory();
}

function rosterImports(container) {
  document.title = 'Roster imports – CTIMS Follow-Up';
  const filters = { sis: '', school: '', page: 0 };
  const rejected = h('div', { id: 'rejections' });
  const waiting = h('div', { id: 'unresolved' });
  const input = (id, label, key) => h('div', { className: 'field' }, h('label', { htmlFor: id, className: 'label' }, label),
    h('input', { id, className: 'input', type: 'text', onchange: (e) => { filters[key] = e.target.value.trim(); filters.page = 0; load(); } }));

  async function load() {
    try {
      const [rows, pending] = await Promise.all([
        api(`/api/roster/rejections?${query({ sis: filters.sis, school: filters.school, page: filters.page, size: 100 })}`),
        api(`/api/roster/unresolved?${query({ sis: filters.sis, school: filters.school })}`)]);
      fill(rejected, table('Rejected records (newest first)', ['When', 'SIS', 'School', 'Type', 'Record', 'Reason', 'Start of the record'],
        rows.map((r) => [dateTime(r.rejectedAt), r.sis, r.schoolPid || r.schoolSourcedId, r.recordType, r.recordKey, r.reason, r.payloadExcerpt]), { testId: 'rejections' }),
      h('div', { className: 'pager-buttons' },
        h('button', { type: 'button', className: 'button small', disabled: filters.page === 0, onclick: () => { filters.page -= 1; load(); } }, 'Previous page'),
        h('span', {}, `Page ${filters.page + 1}`),
        h('button', { type: 'button', className: 'button small', disabled: rows.length < 100, onclick: () => { filters.page += 1; load(); } }, 'Next page')));
      fill(waiting, table('Enrollments waiting for a record', ['Since', 'SIS', 'School', 'Enrollment', 'Waiting for'],
        pending.map((u) => [dateTime(u.since), u.sis, u.schoolPid || u.schoolSourcedId, u.enrollmentSourcedId, u.waitingFor]), { testId: 'unresolved' }));
    } catch (error) {
      announce(`The roster imports could not be loaded: ${error.message}`, { error: true });
    }
  }

  container.append(h('h1', {}, 'Roster imports'),
    h('form', { className: 'panel toolbar', onsubmit: (e) => { e.preventDefault(); load(); } },
      input('filter-sis', 'SIS', 'sis'), input('filter-school', 'School PID', 'school'),
      h('button', { type: 'submit', className: 'button' }, 'Show')),
    rejected, waiting);
  load();
}
