// Screen 7, Reports of a school and enrollment year: a teacher's summary of their own students;
// for school administrators, state staff and report consumers the school summary (a row per
// teacher) and the accountability rates 3S1 and 5S1 with their numerators and denominators;
// for state staff and report consumers the state's accountability too. Charts where they say
// more than the numbers, each with its table; every report downloadable as Excel and PDF; Refresh.

import { api, download, query } from './api.js';
import { barChart, share } from './charts.js';
import { announce, fill, focusHeading, h, table } from './dom.js';
import { EDUCATION_STATUSES, EMPLOYMENT_STATUSES } from './questions.js';
import { schoolLabel } from './start.js';

const SEES_EVERY_TEACHER = ['school-admin', 'state-admin', 'report-consumer'];
const STATE_WIDE = ['state-admin', 'report-consumer'];
const PROGRESS_DAYS = 14;

const SPECIAL_STATUSES = { unanswered: 'Not answered yet', deceased: 'Deceased' };
const EDUCATION = new Map(EDUCATION_STATUSES);
const EMPLOYMENT = new Map(EMPLOYMENT_STATUSES);

export function render(container, route, context) {
  const { me } = context;
  const org = route.query.get('org') || '';
  const year = route.query.get('year') || '';
  const hasAny = (roles) => roles.some((role) => me.roles.includes(role));
  if (!year || (!org && !hasAny(STATE_WIDE))) {
    context.navigate('/', { task: 'reports' });
    return null;
  }
  const params = { org, year };
  const sections = [];
  if (org && me.roles.includes('teacher')) {
    sections.push(section('teacher-summary', 'Your summary', 'teacher-summary', params, teacherSummary));
  }
  if (org) {
    // a teacher's own progress; the whole school's for everyone else
    sections.push(section('progress', 'Completion by day', 'progress', params, progress, { downloads: false }));
  } else {
    // state staff and report consumers without a school: every school's reports
    sections.push(section('state-progress', 'Statewide completion by day', 'progress/state', { year }, progress,
      { downloads: false }));
  }
  if (org && hasAny(SEES_EVERY_TEACHER)) {
    sections.push(section('school-summary', 'School summary', 'school-summary', params, schoolSummary));
    sections.push(section('accountability', 'Accountability (Perkins V 3S1, 5S1)', 'accountability', params,
      (view) => accountability(view, 'School', [['Teacher', view.byTeacher], ['Division', view.byDivision]])));
  }
  if (hasAny(STATE_WIDE)) {
    sections.push(section('state-accountability', 'Statewide accountability (Perkins V 3S1, 5S1)', 'accountability/state',
      { year }, (view) => accountability(view, 'State', [['School', view.bySchool]])));
  }

  async function refresh({ announceDone = false } = {}) {
    await Promise.all(sections.map((s) => s.load()));
    performance.mark('ctims:reports-rendered');
    if (announceDone) {
      announce('Reports refreshed.');
    }
  }

  container.append(
    h('div', { className: 'screen-head' },
      h('h1', {}, 'Reports'),
      h('dl', { className: 'facts' },
        org ? fact('Organization', schoolLabel(context, org)) : null,
        fact('Enrollment calendar year', year)),
      h('p', {}, h('a', { href: `#/?${query({ task: 'reports', org, year })}` }, 'Change year or organization'))),
    h('div', { className: 'toolbar' },
      h('button', { type: 'button', className: 'button', id: 'refresh-reports', onclick: () => refresh({ announceDone: true }) },
        'Refresh')),
    ...sections.map((s) => s.element));
  document.title = 'Reports – CTIMS Follow-Up';
  refresh();
  focusHeading(container);
  return null;
}

function fact(label, value) {
  return h('div', { className: 'fact' }, h('dt', {}, label), h('dd', {}, value));
}

/** A report's panel: heading, Excel and PDF downloads (if it has them), and the body drawn from the JSON answer. */
function section(id, title, path, params, draw, { downloads = true } = {}) {
  const body = h('div', { className: 'report-body', 'aria-live': 'polite' }, h('p', {}, 'Loading…'));
  const fileName = `${id}-${params.org ? `${params.org}-` : ''}${params.year}`;
  const button = (format, label) => h('button', {
    type: 'button', className: 'button small', id: `${id}-${format}`,
    onclick: async () => {
      announce(`Preparing the ${label} file…`);
      try {
        const name = await download(`/api/reports/${path}.${format}?${query(params)}`, `${fileName}.${format}`);
        announce(`Downloaded ${name}.`);
      } catch (error) {
        announce(`The download failed: ${error.message}`, { error: true });
      }
    },
  }, `${title}: download as ${label}`);
  const element = h('section', { className: 'panel report-section', id, 'aria-labelledby': `${id}-heading` },
    h('div', { className: 'section-head' },
      h('h2', { id: `${id}-heading` }, title),
      downloads ? h('div', { className: 'toolbar-buttons' }, button('xlsx', 'Excel'), button('pdf', 'PDF')) : null),
    body);

  async function load() {
    body.setAttribute('aria-busy', 'true');
    try {
      fill(body, draw(await api(`/api/reports/${path}?${query(params)}`)));
    } catch (error) {
      fill(body, h('p', { className: 'field-error' }, `This report could not be loaded: ${error.message}`));
    } finally {
      body.removeAttribute('aria-busy');
    }
  }
  return { element, load };
}

function teacherSummary(view) {
  return [
    h('p', {}, `Teacher: ${view.teacherName || view.teacherStaffId} (staff id ${view.teacherStaffId})`),
    summaryFigures(view.summary, 'teacher')];
}

/** The last days with saves: how many follow-ups and certificates were complete at the end of each. */
function progress(view) {
  const days = view.days.filter((d) => d.saves > 0).slice(-PROGRESS_DAYS);
  if (days.length === 0) {
    return h('p', {}, 'Nothing saved yet.');
  }
  const c = view.current;
  return [
    h('p', { className: 'hint' }, `Days with saves (the last ${PROGRESS_DAYS} at most), counted at the end of each day `
      + `(${view.timeZone}); a full bar is every follow-up student of today (${c.followUpApplicable}).`),
    barChart({
      title: 'Follow-ups complete at the end of the day', rowHeader: 'Day', series: ['Follow-up complete'],
      scale: c.followUpApplicable, testId: 'progress-chart',
      rows: days.map((d) => ({
        label: d.date, values: [d.followUpComplete],
        text: `${share(d.followUpComplete, c.followUpApplicable)}; ${d.saves} save(s)`,
      })),
    })];
}

function schoolSummary(view) {
  const rows = view.byTeacher.map((t) => ({
    label: t.teacherName || t.teacherStaffId,
    values: [t.summary.followUpComplete, t.summary.followUpIncomplete],
    text: share(t.summary.followUpComplete, t.summary.followUpApplicable),
  }));
  return [
    summaryFigures(view.summary, 'school'),
    h('h3', {}, 'By teacher'),
    h('p', { className: 'hint' }, 'A student of two teachers counts in both rows, and once for the school.'),
    barChart({ title: 'Follow-up completion by teacher', rowHeader: 'Teacher', series: ['Complete', 'Not complete'],
      rows, scale: 'row', testId: 'school-by-teacher-chart' }),
    table('Figures by teacher', ['Staff id', 'Teacher', 'Students', 'Follow-up applies (grade 12)', 'Follow-up complete',
      'Follow-up incomplete', 'Certificate complete', 'Deceased'],
    view.byTeacher.map((t) => [t.teacherStaffId, t.teacherName, t.summary.students, t.summary.followUpApplicable,
      t.summary.followUpComplete, t.summary.followUpIncomplete, t.summary.certificateComplete, t.summary.deceased]),
    { testId: 'school-by-teacher', className: 'figures' })];
}

/** Completion, the statuses, the certification results and the incomplete follow-ups of a summary. */
function summaryFigures(s, prefix) {
  const statuses = (counts, labels) => Object.entries(counts).map(([code, count]) => ({
    label: labels.get(code) || SPECIAL_STATUSES[code] || code, values: [count],
  }));
  const results = (byKey, unnamed) => Object.entries(byKey).map(([key, r]) => ({
    label: named(r.name, key, unnamed), values: [r.passed, r.notPassed], text: `${r.passed} of ${r.taken} passed`,
  }));
  return h('div', { className: 'summary' },
    barChart({
      title: 'Completion', rowHeader: 'Figure', series: ['Complete', 'Not complete'], scale: 'row', testId: `${prefix}-completion`,
      rows: [
        { label: 'Follow-up (grade 12)', values: [s.followUpComplete, s.followUpIncomplete], text: share(s.followUpComplete, s.followUpApplicable) },
        { label: 'Certificate', values: [s.certificateComplete, s.students - s.certificateComplete], text: share(s.certificateComplete, s.students) },
      ],
    }),
    s.deceased ? h('p', {}, `Deceased: ${s.deceased} (their statuses are not asked).`) : null,
    h('div', { className: 'grid-2' },
      barChart({ title: 'Education status', rowHeader: 'Education status', series: ['Students'], scale: s.followUpApplicable,
        rows: statuses(s.educationStatus, EDUCATION), testId: `${prefix}-education` }),
      barChart({ title: 'Employment status', rowHeader: 'Employment status', series: ['Students'], scale: s.followUpApplicable,
        rows: statuses(s.employmentStatus, EMPLOYMENT), testId: `${prefix}-employment` })),
    h('div', { className: 'grid-2' },
      barChart({ title: 'Certifications by assessment', rowHeader: 'Assessment', series: ['Passed', 'Not passed'],
        rows: results(s.byAssessment, (number) => `Assessment ${number}`), testId: `${prefix}-assessments` }),
      barChart({ title: 'Certifications by cluster', rowHeader: 'Cluster', series: ['Passed', 'Not passed'],
        rows: results(s.byCluster, (code) => `Cluster ${code}`), testId: `${prefix}-clusters` })),
    h('h3', {}, `Follow-up still incomplete: ${s.incomplete.length}`),
    s.incomplete.length
      ? h('ul', { className: 'incomplete', 'data-testid': `${prefix}-incomplete` },
        s.incomplete.map((st) => h('li', {}, `${st.name || 'Unnamed student'} (STN ${st.stn})`)))
      : h('p', {}, 'None: every follow-up is complete.'));
}

/** "Early Childhood Education (Pre-Pac) - 7503" as the guidebook writes it; the number or code alone when the list has no name. */
function named(name, key, unnamed = (k) => k) {
  return name ? `${name} - ${key}` : unnamed(key);
}

/** "12 of 20 (60.0%)", or "no rate" when the denominator is zero. */
function rate(r) {
  return r.percent === null || r.percent === undefined
    ? `${r.numerator} of ${r.denominator} (no rate)`
    : `${r.numerator} of ${r.denominator} (${Number(r.percent).toFixed(1)}%)`;
}

/** 3S1 and 5S1 of the whole (school or state) and of its rows (teachers, divisions or schools). */
function accountability(view, level, groups) {
  const rows = [{ ...view, level, key: view.organizationPid, name: view.organizationName },
    ...groups.flatMap(([groupLevel, list]) => list.map((r) => ({ ...r, level: groupLevel })))];
  const school = (r) => (r.name ? `${r.name} (PID ${r.key})` : `School PID ${r.key}`);
  const who = (r) => [r.level, r.level === 'School' ? school(r) : r.name || r.key || ''];
  const total = view.credentialAttainment;
  return [
    h('p', { className: 'hint' }, '3S1: placed (education, military, service or employment) of the cohort, without deceased students '
      + 'and those still in secondary school; shown with and without the students who did not answer. 5S1: students who passed '
      + 'an approved assessment of the eligible cohort.'),
    table('3S1 placement', ['Level', 'Name', 'Cohort', 'Not placed', 'Non-respondents', 'Excluded: deceased',
      'Excluded: still secondary', 'Placed (rate)', 'Placed without non-respondents'],
    rows.map((r) => [...who(r), r.cohortSize, r.placement.notPlaced, r.placement.nonRespondents, r.placement.excludedDeceased,
      r.placement.excludedStillSecondary, rate(r.placement.withNonRespondents), rate(r.placement.withoutNonRespondents)]),
    { testId: 'placement-3s1', className: 'figures' }),
    table('5S1 credential attainment', ['Level', 'Name', 'Excluded: deceased', 'Attained of eligible (rate)'],
      rows.map((r) => [...who(r), r.credentialAttainment.excludedDeceased, rate(r.credentialAttainment.rate)]),
      { testId: 'credentials-5s1', className: 'figures' }),
    table(`5S1 by cluster (${level.toLowerCase()})`, ['Cluster', 'Attained of eligible (rate)'],
      total.byCluster.map((c) => [named(c.name, c.cluster), rate(c.rate)]), { className: 'figures', testId: 'credentials-by-cluster' }),
    view.placement.stillSecondaryForReview.length
      ? h('p', {}, `Still in secondary school (to review): ${view.placement.stillSecondaryForReview.join(', ')}`) : null];
}
