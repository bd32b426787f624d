// Screen 2, Start: the task, the enrollment year (last year by default) and the organization
// (typed by its first letters; a user of one school does not choose).

import { api, query } from './api.js';
import { combobox } from './combobox.js';
import { announce, focusHeading, h, uid } from './dom.js';

/** The first school year CTIMS holds (the guidebook's). */
const FIRST_YEAR_START = 2018;

export const TASKS = [
  { value: 'followup', label: 'Follow-up collection', text: 'Where last year\'s seniors are now: school, work, military, certifications.' },
  { value: 'certificates', label: 'Certificate collection', text: 'Certification tests of students of every grade.' },
  { value: 'reports', label: 'Reports', text: 'Teacher and school summaries with charts, accountability rates; Excel and PDF.' },
];

/** The school year running today (it starts on July 1), as its starting calendar year. */
export function currentYearStart(today = new Date()) {
  return today.getMonth() >= 6 ? today.getFullYear() : today.getFullYear() - 1;
}

export function schoolYear(start) {
  return `${start}-${start + 1}`;
}

/** The school year after the given one ("2018-2019" → "2019-2020"): the current calendar year of a follow-up. */
export function nextSchoolYear(year) {
  return schoolYear(Number(year.substring(0, 4)) + 1);
}

export function schoolLabel(context, pid) {
  const name = context.schoolNames.get(pid);
  return name ? `${name} (PID ${pid})` : `School PID ${pid}`;
}

export function render(container, route, context) {
  const { me } = context;
  const isState = me.roles.includes('state-admin');
  const lastYear = schoolYear(currentYearStart() - 1);
  const chosen = {
    task: route.query.get('task') || 'followup',
    year: route.query.get('year') || lastYear,
    org: route.query.get('org') || (me.organizations.length === 1 ? me.organizations[0].pid : ''),
  };

  const errorId = uid('org-error');
  const orgError = h('p', { id: errorId, className: 'field-error', 'data-testid': 'org-error' });

  const tasks = h('fieldset', { className: 'choices' },
    h('legend', {}, 'Task'),
    TASKS.map((task) => {
      const id = `task-${task.value}`;
      return h('div', { className: 'choice' },
        h('input', { type: 'radio', name: 'task', id, value: task.value, checked: chosen.task === task.value,
          disabled: Boolean(task.disabled), onchange: () => { chosen.task = task.value; } }),
        h('label', { htmlFor: id }, h('strong', {}, task.label), h('span', { className: 'choice-text' }, task.text)));
    }));

  const years = [];
  for (let start = currentYearStart(); start >= FIRST_YEAR_START; start -= 1) {
    years.push(schoolYear(start));
  }
  const currentYearText = h('output', { id: 'current-year', 'data-testid': 'current-year' }, nextSchoolYear(chosen.year));
  const yearSelect = h('select', {
    id: 'enrollment-year', className: 'input', 'data-testid': 'enrollment-year',
    onchange: () => { chosen.year = yearSelect.value; currentYearText.textContent = nextSchoolYear(chosen.year); },
  }, years.map((year) => h('option', { value: year, selected: year === chosen.year }, year)));

  const pidText = h('output', { id: 'pid', 'data-testid': 'pid' }, chosen.org);
  let organization;
  if (me.organizations.length === 1 && !isState) {
    organization = h('div', { className: 'field' },
      h('span', { className: 'label', id: 'org-label' }, 'Organization'),
      h('p', { className: 'value', 'data-testid': 'organization' }, schoolLabel(context, chosen.org)));
  } else {
    const picker = combobox({
      label: 'Organization',
      id: 'organization',
      testId: 'organization-input',
      hint: 'Type the first letters of the school\'s name (or its PID) and pick it from the list.',
      describedBy: errorId,
      value: chosen.org ? (context.schoolNames.get(chosen.org) || chosen.org) : '',
      search: async (text, signal) => api(`/api/roster/organizations?${query({ q: text })}`, { signal }),
      format: (org) => org.name,
      onSelect: (org) => {
        chosen.org = org ? org.pid : '';
        pidText.textContent = chosen.org;
        if (org) {
          context.schoolNames.set(org.pid, org.name);
          orgError.textContent = '';
        }
      },
    });
    organization = picker.element;
  }

  const schools = me.organizations.length
    ? h('ul', { id: 'schools', className: 'schools', 'data-testid': 'schools' },
      me.organizations.map((org) => h('li', { dataset: { pid: org.pid } }, schoolLabel(context, org.pid))))
    : h('p', { id: 'schools' }, isState ? 'You act for the whole state, not for single schools.'
      : 'You are not linked to any school yet. Ask your administrator.');

  const form = h('form', {
    className: 'panel start-form', 'aria-labelledby': 'start-heading', novalidate: true,
    onsubmit: (event) => {
      event.preventDefault();
      // state staff may open the statewide reports without a school
      if (!chosen.org && !(isState && chosen.task === 'reports')) {
        orgError.textContent = 'Pick an organization from the list.';
        announce('Pick an organization from the list.', { error: true });
        document.getElementById('organization')?.focus();
        return;
      }
      context.navigate(`/${chosen.task}`, { org: chosen.org || null, year: chosen.year });
    },
  },
  h('h1', { id: 'start-heading' }, 'Start'),
  tasks,
  h('div', { className: 'grid-2' },
    h('div', { className: 'field' },
      h('label', { htmlFor: 'enrollment-year', className: 'label' }, 'Enrollment calendar year'),
      h('p', { className: 'hint', id: 'year-hint' }, 'Last year: the year your students were enrolled.'),
      yearSelect),
    h('div', { className: 'field' },
      h('span', { className: 'label' }, 'Current calendar year'),
      h('p', { className: 'value' }, currentYearText))),
  h('div', { className: 'grid-2' },
    organization,
    h('div', { className: 'field' },
      h('span', { className: 'label' }, 'PID'),
      h('p', { className: 'value' }, pidText),
      h('span', { className: 'label' }, 'Submitter name'),
      h('p', { className: 'value', 'data-testid': 'submitter' }, me.name || me.username))),
  orgError,
  h('div', { className: 'actions' },
    h('button', { type: 'submit', className: 'button primary', id: 'load-data' }, 'Load data')));

  const children = [form, h('section', { className: 'panel', 'aria-labelledby': 'schools-heading' },
    h('h2', { id: 'schools-heading' }, 'Your schools'), schools)];
  if (isState) {
    children.push(h('section', { className: 'panel', 'aria-labelledby': 'state-heading' },
      h('h2', { id: 'state-heading' }, 'State staff'),
      h('ul', { className: 'links' },
        h('li', {}, h('a', { href: '#/state/assessments' }, 'Approved Assessment List: upload')),
        h('li', {}, h('a', { href: '#/state/roster' }, 'Roster imports: rejected records')),
        h('li', {}, h('a', { href: '#/state/roster-upload' }, 'Roster: upload a OneRoster zip')))));
  }
  container.append(...children);
  document.title = 'Start – CTIMS Follow-Up';
  yearSelect.setAttribute('aria-describedby', 'year-hint');
  focusHeading(container);
  return null;
}
