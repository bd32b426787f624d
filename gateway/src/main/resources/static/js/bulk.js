// Bulk entry of follow-up answers from a spreadsheet, for schools that collect them by survey:
// download the template (the caller's students with their current answers), fill it in, upload
// it for a preview of every row (what would change, every error), and commit only after the
// user confirms; the commit saves the valid rows as ordinary audited saves.

import { ApiError, api, download, query } from './api.js';
import { announce, ask, fileBody, fill, focusHeading, h, table } from './dom.js';
import { schoolLabel } from './start.js';

const OUTCOMES = {
  'would-change': 'Will be saved',
  saved: 'Saved',
  unchanged: 'No change',
  invalid: 'Not saved: fix the errors',
};

/** Who may enter answers (the follow-up service refuses everyone else). */
export function writesReports(me) {
  return me.roles.includes('teacher') || me.roles.includes('school-admin');
}

export function render(container, route, context) {
  const org = route.query.get('org') || '';
  const year = route.query.get('year') || '';
  if (!org || !year) {
    context.navigate('/', { task: 'followup' });
    return null;
  }
  const listHref = `#/followup?${query({ org, year })}`;
  if (!writesReports(context.me)) {
    container.append(h('h1', {}, 'Bulk entry'), h('p', {}, 'Only teachers and school administrators enter answers.'),
      h('p', {}, h('a', { href: listHref }, 'Back to the student list')));
    focusHeading(container);
    return null;
  }
  const file = h('input', {
    type: 'file', id: 'bulk-file', className: 'input', 'aria-describedby': 'bulk-file-hint',
    accept: '.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    onchange: () => preview.replaceChildren(),
  });
  const preview = h('div', { id: 'bulk-preview', 'data-testid': 'bulk-preview' });

  async function templateDownload() {
    announce('Preparing the template…');
    try {
      const name = await download(`/api/followups/imports/template?${query({ org, year })}`, `followup-entry-${org}-${year}.xlsx`);
      announce(`Downloaded ${name}.`);
    } catch (error) {
      announce(`The template could not be downloaded: ${error.message}`, { error: true });
    }
  }

  async function upload(dryRun) {
    const body = fileBody(file, 'Choose the filled-in file (.xlsx) first.');
    if (!body) {
      return;
    }
    announce(dryRun ? 'Reading the file…' : 'Saving the answers…');
    try {
      const result = await api(`/api/followups/imports?${query({ org, year, dryRun: String(dryRun) })}`, { method: 'POST', body });
      show(result);
      announce(result.committed ? `Saved ${result.changed} report(s); ${result.unchanged} unchanged, ${result.invalid} invalid row(s) left out.`
        : `Preview: ${counts(result)}. Nothing is saved until you confirm.`, { error: !result.committed && result.invalid > 0 });
    } catch (error) {
      if (error instanceof ApiError && error.problem.errors) {
        fill(preview, h('h2', {}, 'The file cannot be read'),
          table('What is wrong with the file', ['Column', 'Reason'], error.problem.errors.map((e) => [e.field, e.message]),
            { testId: 'bulk-file-errors' }));
      }
      announce(`The file was not ${dryRun ? 'read' : 'saved'}: ${error.message}`, { error: true });
    }
  }

  async function commit(result) {
    const choice = await ask({
      title: 'Save these answers?',
      message: `${result.changed} student report(s) will be saved as if you had saved each one.`
        + (result.invalid ? ` The ${result.invalid} row(s) with errors are left out.` : ''),
      choices: [{ value: 'commit', label: 'Save them', primary: true }, { value: 'cancel', label: 'Not now' }],
    });
    if (choice === 'commit') {
      await upload(false);
    }
  }

  function counts(result) {
    return `${result.rows} row(s): ${result.changed} ${result.committed ? 'saved' : 'would change'}, `
      + `${result.unchanged} unchanged, ${result.invalid} invalid`;
  }

  function show(result) {
    const fileErrors = result.errors.filter((e) => e.row === 0);
    const heading = h('h2', { tabIndex: -1 }, result.committed ? 'Saved' : 'Preview');
    fill(preview,
      heading,
      h('p', { 'data-testid': 'bulk-counts' }, `${result.fileName || ''}: ${counts(result)}.`),
      fileErrors.length ? h('ul', { className: 'field-error' }, fileErrors.map((e) => h('li', {}, `${e.column}: ${e.reason}`))) : null,
      !result.committed && result.changed > 0
        ? h('div', { className: 'actions' }, h('button', {
          type: 'button', className: 'button primary', id: 'commit-bulk', onclick: () => commit(result),
        }, `Save ${result.changed} report(s)`))
        : null,
      !result.committed && result.changed === 0 ? h('p', {}, 'Nothing to save: no row changes a report.') : null,
      table('Rows of the file', ['Row', 'STN', 'Student', 'Outcome', 'Changes', 'Errors'],
        result.results.map((r) => [r.row, r.stn, r.student,
          OUTCOMES[r.outcome] || r.outcome,
          list(r.changes.map((c) => `${c.field}: ${c.from ?? '(none)'} → ${c.to ?? '(none)'}`)),
          list(r.errors.map((e) => `${e.column}: ${e.reason}`), 'field-error')]),
        { testId: 'bulk-rows', className: 'figures' }));
    // the result starts at the top of the window, and keyboard users continue from there
    heading.focus({ preventScroll: true });
    heading.scrollIntoView({ block: 'start' });
  }

  function list(items, className) {
    return items.length ? h('ul', { className: className ? `plain ${className}` : 'plain' }, items.map((text) => h('li', {}, text))) : '';
  }

  container.append(
    h('div', { className: 'screen-head' },
      h('h1', {}, 'Bulk entry of follow-up answers'),
      h('dl', { className: 'facts' },
        h('div', { className: 'fact' }, h('dt', {}, 'Organization'), h('dd', {}, schoolLabel(context, org))),
        h('div', { className: 'fact' }, h('dt', {}, 'Enrollment calendar year'), h('dd', {}, year))),
      h('p', {}, h('a', { href: listHref }, 'Back to the student list'))),
    h('section', { className: 'panel', 'aria-labelledby': 'bulk-step-1' },
      h('h2', { id: 'bulk-step-1' }, '1. Download the template'),
      h('p', {}, 'Your students with their current answers, one row each. A blank cell leaves an answer as it is; "-" clears it.'),
      h('button', { type: 'button', className: 'button', id: 'bulk-template', onclick: templateDownload }, 'Download the template')),
    h('form', { className: 'panel', 'aria-labelledby': 'bulk-step-2', onsubmit: (e) => { e.preventDefault(); upload(true); } },
      h('h2', { id: 'bulk-step-2' }, '2. Upload the filled-in file'),
      h('div', { className: 'field' }, h('label', { htmlFor: 'bulk-file', className: 'label' }, 'Bulk-entry file'),
        h('p', { className: 'hint', id: 'bulk-file-hint' }, 'The template filled in (.xlsx). You see every row before anything is saved.'),
        file),
      h('div', { className: 'actions' }, h('button', { type: 'submit', className: 'button primary', id: 'bulk-preview-button' }, 'Preview'))),
    preview);
  document.title = 'Bulk entry – CTIMS Follow-Up';
  focusHeading(container);
  return null;
}
