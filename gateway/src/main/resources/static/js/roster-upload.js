// State staff: upload a OneRoster 1.2 CSV zip exported from a named SIS (a district whose feed is
// down, or a catch-up). The roster service applies the rows at once by the feed's rules (newer
// wins, invalid rows rejected with file, line and reason, a bulk file's missing records removed),
// so the user confirms first; the report shows the counts per file and every rejected row.

import { api, query } from './api.js';
import { announce, ask, fileBody, fill, focusHeading, h, table } from './dom.js';
import { statePage } from './state.js';

export function render(container, route, context) {
  if (!statePage(container, context)) {
    return null;
  }
  document.title = 'OneRoster upload – CTIMS Follow-Up';
  const sis = h('input', { id: 'roster-sis', type: 'text', className: 'input', maxLength: 200, autocomplete: 'off',
    'aria-describedby': 'roster-sis-hint' });
  const file = h('input', { id: 'roster-file', type: 'file', className: 'input', accept: '.zip,application/zip',
    'aria-describedby': 'roster-file-hint', onchange: () => result.replaceChildren() });
  const result = h('div', { id: 'roster-upload-result', 'data-testid': 'roster-upload-result' });

  async function upload() {
    const name = sis.value.trim();
    if (!name) {
      announce('Name the SIS the file comes from.', { error: true });
      sis.focus();
      return;
    }
    const body = fileBody(file, 'Choose the OneRoster zip first.');
    if (!body) {
      return;
    }
    const choice = await ask({
      title: 'Import this roster?',
      message: `The rows of ${file.files[0].name} are applied at once to the records of ${name}: newer records win, `
        + 'invalid rows are rejected and listed. A file the manifest calls bulk is the SIS\'s whole set of that kind: '
        + `${name}'s records it does not list are removed.`,
      choices: [{ value: 'import', label: 'Import', primary: true }, { value: 'cancel', label: 'Not now' }],
    });
    if (choice !== 'import') {
      return;
    }
    announce('Importing the roster…');
    try {
      show(await api(`/api/roster/imports?${query({ sis: name })}`, { method: 'POST', body }));
    } catch (error) {
      fill(result, error.problem?.errors
        ? table('What is wrong', ['Field', 'Reason'], error.problem.errors.map((e) => [e.field, e.message]), { testId: 'roster-upload-errors' })
        : null);
      announce(`The roster was not imported: ${error.message}`, { error: true });
    }
  }

  function show(report) {
    const files = Object.entries(report.files);
    const sum = (key) => files.reduce((total, [, counts]) => total + counts[key], 0);
    const summary = `${sum('rows')} rows read: ${sum('applied')} applied, ${sum('unchanged')} unchanged, ${sum('rejected')} rejected; `
      + `${sum('removed')} removed (not in a bulk file).`;
    fill(result,
      h('h2', {}, `Imported into ${report.sis}`),
      h('p', { 'data-testid': 'roster-upload-counts' }, summary),
      table('Per file', ['File', 'Rows', 'Applied', 'Unchanged (not newer)', 'Rejected', 'Removed (not in a bulk file)'],
        files.map(([name, c]) => [name, c.rows, c.applied, c.unchanged, c.rejected, c.removed]), { className: 'figures' }),
      table('Rejected rows', ['File', 'Line', 'Record', 'Reason'],
        report.rejections.map((r) => [r.file, r.line, r.sourcedId, r.reason]), { testId: 'roster-upload-rejections', className: 'figures' }),
      h('p', {}, 'Rejected rows are also listed under ', h('a', { href: '#/state/roster' }, 'Roster imports'), ` (import ${report.importId}).`));
    announce(`Roster imported: ${summary}`, { error: sum('rejected') > 0 });
  }

  container.append(h('h1', {}, 'Upload a OneRoster zip'),
    h('form', { className: 'panel', onsubmit: (e) => { e.preventDefault(); upload(); } },
      h('div', { className: 'grid-2' },
        h('div', { className: 'field' }, h('label', { htmlFor: 'roster-sis', className: 'label' }, 'SIS'),
          h('p', { className: 'hint', id: 'roster-sis-hint' },
            'The SIS the file was exported from, as its records are named here (the SIS column of Roster imports, e.g. demo-sis). '
            + 'The file\'s rows update that SIS\'s records.'),
          sis),
        h('div', { className: 'field' }, h('label', { htmlFor: 'roster-file', className: 'label' }, 'OneRoster 1.2 CSV zip'),
          h('p', { className: 'hint', id: 'roster-file-hint' }, 'manifest.csv with orgs, academicSessions, users, roles, classes, '
            + 'enrollments, demographics; at most 50 MB.'),
          file)),
      h('div', { className: 'actions' }, h('button', { type: 'submit', className: 'button primary', id: 'roster-upload' }, 'Import'))),
    result);
  focusHeading(container);
  return null;
}
