// Screens 4 and 5, the student report: student information, the follow-up questions (grade 12
// only), the certification table, Save, and First / Previous / Next / Last / Return to list at
// the top and bottom and by keyboard. Unsaved changes are kept as a local draft on every change,
// the user is asked before leaving, and a save that someone else beat is shown side by side.

import { ApiError, api, apiWithEtag, jsonBody, query } from './api.js';
import { combobox } from './combobox.js';
import { announce, ask, dateTime, fill, focusHeading, h, usDate } from './dom.js';
import { changedFields, clearDraft, loadDraft, reapply, saveDraft } from './drafts.js';
import {
  EDUCATION_STATUSES, EMPLOYMENT_STATUSES, LABELS, RESULTS, answersOf, asked, describe, missing, payload,
} from './questions.js';
import { MODES, listApiParams, listQuery, listState } from './students.js';
import { nextSchoolYear } from './start.js';

const DRAFT_DELAY_MS = 300;

/** Keyboard shortcuts (Alt+Shift+letter; Ctrl+S saves). */
const SHORTCUTS = { KeyF: 'first', KeyP: 'previous', KeyN: 'next', KeyL: 'last', KeyR: 'list' };

/** Assessments and clusters of a year, fetched once per page load. */
const assessmentCache = new Map();
const clusterCache = new Map();
/** The order of the students of a list (all pages), by the list's request. */
const orderCache = new Map();

async function assessment(year, number) {
  const key = `${year}:${number}`;
  if (!assessmentCache.has(key)) {
    assessmentCache.set(key, api(`/api/certifications/assessments/${encodeURIComponent(year)}/${encodeURIComponent(number)}`)
      .catch(() => null));
  }
  return assessmentCache.get(key);
}

async function clusters(year) {
  if (!clusterCache.has(year)) {
    clusterCache.set(year, api(`/api/certifications/clusters?${query({ year })}`).catch(() => []));
  }
  return clusterCache.get(year);
}

/** Ids of every student of the list, in the list's order (pages of 500). */
async function studentOrder(mode, state) {
  const params = listApiParams(mode, state);
  const key = JSON.stringify(params);
  if (!orderCache.has(key)) {
    orderCache.set(key, (async () => {
      const ids = [];
      for (let page = 0; ; page += 1) {
        const answer = await api(`/api/followups?${query({ ...params, page, size: 500 })}`);
        ids.push(...answer.rows.map((r) => r.id));
        if (page + 1 >= answer.totalPages) return ids;
      }
    })().catch((error) => { orderCache.delete(key); throw error; }));
  }
  return orderCache.get(key);
}

export function render(container, route, context) {
  const { mode, id } = route.params;
  const list = listState(route.query);
  const username = context.me.username;
  const view = {
    report: null, etag: null, base: null, form: null, order: [], fields: new Map(), serverErrors: {},
    draftTimer: null, disposed: false,
  };

  const listHref = `#/${mode}?${new URLSearchParams(listQuery(list)).toString()}`;
  const reportHref = (otherId) => `#/${mode}/report/${otherId}?${new URLSearchParams(listQuery(list)).toString()}`;

  container.append(h('p', {}, 'Loading the report…'));
  document.title = `Student report – ${MODES[mode].title} – CTIMS Follow-Up`;

  function dirty() {
    return view.form !== null && changedFields(payload(view.base, view.report.followUpApplies),
      payload(view.form, view.report.followUpApplies)).length > 0;
  }

  function keepDraft() {
    clearTimeout(view.draftTimer);
    view.draftTimer = setTimeout(() => {
      if (view.disposed) return;
      if (dirty()) {
        saveDraft(username, id, { version: view.report.version, base: view.base, answers: view.form });
      } else {
        clearDraft(username, id);
      }
    }, DRAFT_DELAY_MS);
  }

  /** After every change: what is asked, locked and missing; the draft. */
  function changed() {
    view.serverErrors = {};
    update();
    keepDraft();
  }

  async function load() {
    try {
      const [{ body, etag }, order] = await Promise.all([
        apiWithEtag(`/api/followups/${id}`),
        studentOrder(mode, list).catch(() => []),
      ]);
      if (view.disposed) return;
      view.report = body;
      view.etag = etag;
      view.order = order;
      view.base = answersOf(body);
      view.form = structuredClone(view.base);
      await Promise.all(view.form.certifications.filter((e) => e.assessmentNumber)
        .map((e) => assessment(body.schoolYear, e.assessmentNumber)));
      await clusters(body.schoolYear);
      if (view.disposed) return;
      draw();
      performance.mark('ctims:report-rendered');
      offerDraft();
      focusHeading(container);
    } catch (error) {
      fill(container, h('h1', {}, 'Student report'),
        h('p', {}, error.status === 404 ? 'This report does not exist or is not one of your students.' : `The report could not be loaded: ${error.message}`),
        h('p', {}, h('a', { href: listHref }, 'Return to the student list')));
      announce(`The report could not be loaded: ${error.message}`, { error: true });
      focusHeading(container);
    }
  }

  // ---------------------------------------------------------------- drawing

  function draw() {
    const r = view.report;
    view.fields = new Map();
    view.drawing = true;
    const name = `${r.student.givenName || ''} ${r.student.familyName || ''}`.trim();
    const position = view.order.indexOf(id);
    const certification = certificationSection();
    const followUp = r.followUpApplies ? followUpSection() : null;
    const sections = mode === 'certificates'
      ? [certification, followUp ? h('details', { className: 'panel' }, h('summary', {}, 'Follow-up questions (grade 12)'), followUp) : null]
      : [followUp || h('p', { className: 'panel' }, 'The follow-up questions are asked only about students who were in grade 12 in the enrollment year.'), certification];
    fill(container,
      h('div', { className: 'screen-head' },
        h('h1', { id: 'report-heading', 'data-testid': 'report-heading' }, `Student report: ${name}`),
        h('p', { className: 'position', 'data-testid': 'position' },
          position >= 0 ? `Student ${position + 1} of ${view.order.length}` : '')),
      navigation('top'),
      h('div', { id: 'draft-offer', className: 'draft-offer', 'data-testid': 'draft-offer', hidden: true }),
      h('form', { id: 'report-form', className: 'report', novalidate: true, onsubmit: (e) => { e.preventDefault(); save(); } },
        studentSection(),
        h('div', { className: 'completion', 'aria-live': 'polite', id: 'completion', 'data-testid': 'completion' }),
        sections),
      navigation('bottom'));
    view.drawing = false;
    setValues();
    update();
  }

  function navigation(where) {
    const position = view.order.indexOf(id);
    const target = (which) => {
      if (position < 0) return null;
      const index = { first: 0, previous: position - 1, next: position + 1, last: view.order.length - 1 }[which];
      return index >= 0 && index < view.order.length && index !== position ? view.order[index] : null;
    };
    const go = (which, label, keys) => {
      const otherId = target(which);
      return h('button', {
        type: 'button', className: 'button', disabled: !otherId, dataset: { nav: which },
        'aria-keyshortcuts': keys, title: `${label} (${keys})`,
        onclick: () => { if (otherId) window.location.hash = reportHref(otherId); },
      }, label);
    };
    return h('nav', { className: `report-nav ${where}`, 'aria-label': `Student navigation (${where})` },
      h('a', { className: 'button', href: listHref, dataset: { nav: 'list' }, 'aria-keyshortcuts': 'Alt+Shift+R' }, 'Return to Student List'),
      go('first', 'First Student', 'Alt+Shift+F'),
      go('previous', 'Previous Student', 'Alt+Shift+P'),
      go('next', 'Next Student', 'Alt+Shift+N'),
      go('last', 'Last Student', 'Alt+Shift+L'),
      h('button', { type: 'button', className: 'button', dataset: { nav: 'cancel' }, onclick: cancelChanges }, 'Cancel Changes'),
      h('button', { type: 'button', className: 'button primary', dataset: { nav: 'save' }, 'aria-keyshortcuts': 'Control+S', onclick: save }, 'Save'));
  }

  function studentSection() {
    const r = view.report;
    const fact = (label, value, testId) => h('div', { className: 'fact' }, h('dt', {}, label), h('dd', { 'data-testid': testId || null }, value ?? ''));
    const teachers = r.teachers.map((t) => `${t.name} (${t.division})${t.removed ? ', removed from roster' : ''}`).join('; ');
    return h('section', { className: 'panel', 'aria-labelledby': 'student-info' },
      h('h2', { id: 'student-info' }, 'Student Information'),
      h('dl', { className: 'facts' },
        fact('Enrollment calendar year', r.schoolYear),
        fact('Current calendar year', nextSchoolYear(r.schoolYear)),
        fact('School name', `${r.organization.name} (PID ${r.organization.pid})`),
        fact('Student name', `${r.student.givenName || ''} ${r.student.familyName || ''}`.trim()),
        fact('STN', r.stn, 'stn'),
        fact('Grade', r.student.grade),
        fact('Gender', r.student.gender),
        fact('Date of birth', usDate(r.student.birthDate)),
        fact('Teachers', teachers),
        fact('Last saved', r.lastSavedBy ? `${r.lastSavedBy.name || r.lastSavedBy.username}, ${dateTime(r.lastSavedAt)}` : 'Never', 'last-saved')),
      field('email', LABELS.email, h('input', { type: 'email', id: 'email', className: 'input', autocomplete: 'off', maxLength: 254,
        oninput: (e) => { view.form.email = e.target.value; changed(); } }),
      'It lets the student reach their certification records later.'));
  }

  /** A question: label, the control, its message (missing answer or the server's error). */
  function field(name, label, control, hint) {
    const msgId = `${name}-msg`;
    const hintId = hint ? `${name}-hint` : null;
    control.setAttribute('aria-describedby', [hintId, msgId].filter(Boolean).join(' '));
    const wrapper = h('div', { className: 'field', id: `${name}-field`, dataset: { field: name } },
      h('label', { htmlFor: control.id, className: 'label' }, label),
      hint ? h('p', { className: 'hint', id: hintId }, hint) : null,
      control,
      h('p', { className: 'field-msg', id: msgId, 'data-testid': `${name}-msg` }));
    view.fields.set(name, { wrapper, control, message: wrapper.querySelector('.field-msg') });
    return wrapper;
  }

  function yesNoSelect(id, onchange) {
    return h('select', { id, className: 'input', onchange },
      h('option', { value: '' }, '-- Select --'), h('option', { value: 'yes' }, 'Yes'), h('option', { value: 'no' }, 'No'));
  }

  function codeSelect(id, options, onchange) {
    return h('select', { id, className: 'input', onchange },
      h('option', { value: '' }, '-- Select --'), options.map(([value, text]) => h('option', { value }, text)));
  }

  const toBoolean = (value) => (value === 'yes' ? true : value === 'no' ? false : null);
  const fromBoolean = (value) => (value === true ? 'yes' : value === false ? 'no' : '');

  function followUpSection() {
    const deceased = h('fieldset', { className: 'field choices inline', id: 'deceased-field', dataset: { field: 'deceased' }, 'aria-describedby': 'deceased-msg' },
      h('legend', { className: 'label' }, LABELS.deceased),
      ['yes', 'no'].map((value) => h('span', { className: 'choice' },
        h('input', { type: 'radio', name: 'deceased', id: `deceased-${value}`, value, onchange: () => setDeceased(value === 'yes') }),
        h('label', { htmlFor: `deceased-${value}` }, value === 'yes' ? 'Yes' : 'No'))),
      h('p', { className: 'field-msg', id: 'deceased-msg', 'data-testid': 'deceased-msg' }));
    view.fields.set('deceased', { wrapper: deceased, control: deceased.querySelector('#deceased-no'), message: deceased.querySelector('.field-msg') });

    return h('section', { className: 'panel', 'aria-labelledby': 'follow-up-info' },
      h('h2', { id: 'follow-up-info' }, 'Follow Up Information – Answer the following questions'),
      deceased,
      h('div', { className: 'grid-2' },
        field('educationStatus', LABELS.educationStatus, codeSelect('educationStatus', EDUCATION_STATUSES,
          (e) => { view.form.educationStatus = e.target.value || null; changed(); })),
        field('employmentStatus', LABELS.employmentStatus, codeSelect('employmentStatus', EMPLOYMENT_STATUSES,
          (e) => { view.form.employmentStatus = e.target.value || null; changed(); }))),
      h('div', { className: 'grid-2' },
        field('jobRelated', LABELS.jobRelated, yesNoSelect('jobRelated', (e) => { view.form.jobRelated = toBoolean(e.target.value); changed(); })),
        field('selfEmployed', LABELS.selfEmployed, yesNoSelect('selfEmployed', (e) => { view.form.selfEmployed = toBoolean(e.target.value); changed(); }))),
      h('div', { className: 'grid-2' },
        field('jobTitle', LABELS.jobTitle, h('input', { type: 'text', id: 'jobTitle', className: 'input', maxLength: 200,
          oninput: (e) => { view.form.jobTitle = e.target.value; changed(); } })),
        field('jobDuties', LABELS.jobDuties, h('textarea', { id: 'jobDuties', className: 'input', rows: 3, maxLength: 2000,
          oninput: (e) => { view.form.jobDuties = e.target.value; changed(); } }))));
  }

  /** "Yes" locks the status and job questions; answers already given are cleared after asking. */
  async function setDeceased(value) {
    const f = view.form;
    const given = ['educationStatus', 'employmentStatus', 'jobRelated', 'selfEmployed', 'jobTitle', 'jobDuties']
      .filter((name) => f[name] !== null && f[name] !== '');
    if (value && given.length > 0) {
      const choice = await ask({
        title: 'The student is deceased?',
        message: `This clears the answers already given (${given.map((name) => LABELS[name]).join('; ')}) and locks those questions. The certification question stays.`,
        choices: [{ value: 'clear', label: 'Yes, clear and lock them', primary: true }, { value: 'keep', label: 'No, keep the answers' }],
      });
      if (choice !== 'clear') {
        document.getElementById('deceased-no').checked = true;
        document.getElementById('deceased-yes').focus();
        return;
      }
    }
    f.deceased = value;
    if (value) {
      given.forEach((name) => { f[name] = null; });
      setValues();
      announce('Deceased: the status and job questions are cleared and locked.');
    }
    changed();
  }

  function certificationSection() {
    const year = view.report.schoolYear;
    const shortYear = `${year.substring(2, 4)}${year.substring(7, 9)}`;
    const body = h('tbody', { id: 'certification-rows' });
    const table = h('table', { className: 'certifications', id: 'certification-table', 'data-testid': 'certification-table' },
      h('caption', { className: 'visually-hidden' }, 'Certifications'),
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col' }, 'Certification'), h('th', { scope: 'col' }, 'Cluster'),
        h('th', { scope: 'col' }, 'Test Result'), h('th', { scope: 'col' }, h('span', { className: 'visually-hidden' }, 'Remove')))),
      body);
    const section = h('section', { className: 'panel', 'aria-labelledby': 'certification-info' },
      h('h2', { id: 'certification-info' }, 'Certification Information'),
      field('tookCertificationTest', LABELS.tookCertificationTest, yesNoSelect('tookCertificationTest', (e) => {
        view.form.tookCertificationTest = toBoolean(e.target.value);
        if (view.form.tookCertificationTest && view.form.certifications.length === 0) {
          view.form.certifications.push({ assessmentNumber: null, clusterCode: null, result: null });
          drawEntries();
        }
        changed();
      }), 'Also for deceased students.'),
      h('div', { id: 'certification-block', className: 'certification-block' },
        h('h3', {}, `Certification Information for Enrollment Calendar Year "${shortYear}".`),
        h('p', { className: 'field-msg', id: 'certifications-msg', 'data-testid': 'certifications-msg' }),
        h('div', { className: 'actions' },
          h('button', { type: 'button', className: 'button', id: 'add-certificate', onclick: addEntry }, '+ Add Certificate')),
        table));
    view.fields.set('certifications', { wrapper: section.querySelector('#certification-block'), control: null, message: section.querySelector('#certifications-msg') });
    view.entriesBody = body;
    drawEntries(body);
    return section;
  }

  function addEntry() {
    view.form.certifications.push({ assessmentNumber: null, clusterCode: null, result: null });
    drawEntries();
    changed();
    const inputs = view.entriesBody.querySelectorAll('input[role=combobox]');
    inputs[inputs.length - 1]?.focus();
  }

  function removeEntry(index) {
    view.form.certifications.splice(index, 1);
    drawEntries();
    changed();
    announce('Certificate removed.');
    const removes = view.entriesBody.querySelectorAll('button.remove');
    (removes[Math.min(index, removes.length - 1)] || document.getElementById('add-certificate')).focus();
  }

  function drawEntries(body = view.entriesBody) {
    const year = view.report.schoolYear;
    [...view.fields.keys()].filter((k) => k.startsWith('certifications[')).forEach((k) => view.fields.delete(k));
    fill(body, view.form.certifications.map((entry, index) => {
      const path = `certifications[${index}]`;
      const idBase = `cert-${index}`;
      const cached = entry.assessmentNumber ? assessmentCache.get(`${year}:${entry.assessmentNumber}`) : null;
      const clusterCell = h('td', { className: 'cluster-cell' });
      const assessmentMsg = h('p', { className: 'field-msg', id: `${idBase}-assessment-msg` });
      const picker = combobox({
        label: `Certification ${index + 1}`,
        labelHidden: true,
        id: `${idBase}-assessment`,
        testId: 'assessment-input',
        describedBy: assessmentMsg.id,
        minLength: 1,
        search: async (text, signal) => (await api(`/api/certifications/assessments?${query({ year, q: text, limit: 10 })}`, { signal })).results,
        format: (a) => a.label,
        onSelect: (a) => {
          entry.assessmentNumber = a ? a.number : null;
          if (a) {
            assessmentCache.set(`${year}:${a.number}`, Promise.resolve(a));
            entry.clusterCode = a.clusters.length === 1 ? a.clusters[0].code
              : (a.clusters.some((c) => c.code === entry.clusterCode) ? entry.clusterCode : null);
          } else {
            entry.clusterCode = null;
          }
          drawCluster(clusterCell, entry, a, index);
          changed();
        },
      });
      const row = h('tr', { dataset: { index } },
        h('td', { className: 'assessment-cell' }, picker.element, assessmentMsg),
        clusterCell,
        h('td', {}, resultChoice(entry, index)),
        h('td', {}, h('button', {
          type: 'button', className: 'button small remove', onclick: () => removeEntry(index),
        }, '✕ Remove Certificate', h('span', { className: 'visually-hidden' }, ` ${index + 1}`))));
      view.fields.set(`${path}.assessmentNumber`, { wrapper: row.cells[0], control: picker.input, message: assessmentMsg });
      if (cached) {
        cached.then((a) => {
          if (!row.isConnected) return;
          if (a) picker.input.value = a.label;
          drawCluster(clusterCell, entry, a, index);
        });
      } else {
        if (entry.assessmentNumber) picker.input.value = entry.assessmentNumber;
        drawCluster(clusterCell, entry, null, index);
      }
      return row;
    }));
  }

  function drawCluster(cell, entry, found, index) {
    const path = `certifications[${index}].clusterCode`;
    const id = `cert-${index}-cluster`;
    const msg = h('p', { className: 'field-msg', id: `${id}-msg` });
    const label = h('label', { htmlFor: id, className: 'visually-hidden' }, `Cluster of certification ${index + 1}`);
    let control;
    if (!found) {
      control = h('select', { id, className: 'input', disabled: true, 'aria-describedby': msg.id },
        h('option', { value: '' }, entry.clusterCode || 'Pick the certification first'));
    } else if (found.clusters.length === 1) {
      control = h('input', { id, className: 'input', readOnly: true, value: found.clusters[0].label, 'aria-describedby': msg.id });
    } else {
      control = h('select', {
        id, className: 'input', 'aria-describedby': msg.id,
        onchange: (e) => { entry.clusterCode = e.target.value || null; changed(); },
      }, h('option', { value: '' }, '-- Select --'),
      found.clusters.map((c) => h('option', { value: c.code, selected: c.code === entry.clusterCode }, c.label)));
    }
    fill(cell, label, control, msg);
    view.fields.set(path, { wrapper: cell, control, message: msg });
    update();
  }

  function resultChoice(entry, index) {
    const msg = h('p', { className: 'field-msg', id: `cert-${index}-result-msg` });
    const group = h('fieldset', { className: 'choices results', 'aria-describedby': msg.id },
      h('legend', { className: 'visually-hidden' }, `Test result of certification ${index + 1}`),
      RESULTS.map(([value, text]) => h('span', { className: 'choice' },
        h('input', {
          type: 'radio', name: `cert-${index}-result`, id: `cert-${index}-result-${value}`, value, checked: entry.result === value,
          onchange: () => { entry.result = value; changed(); },
        }),
        h('label', { htmlFor: `cert-${index}-result-${value}` }, text))),
      msg);
    view.fields.set(`certifications[${index}].result`, { wrapper: group, control: group.querySelector('input'), message: msg });
    return group;
  }

  /** Puts the form's answers into the controls (after loading, clearing, restoring a draft, saving). */
  function setValues() {
    const f = view.form;
    const set = (id, value) => { const el = document.getElementById(id); if (el) el.value = value ?? ''; };
    set('email', f.email);
    if (view.report.followUpApplies) {
      document.getElementById(`deceased-${f.deceased ? 'yes' : 'no'}`).checked = true;
      set('educationStatus', f.educationStatus);
      set('employmentStatus', f.employmentStatus);
      set('jobRelated', fromBoolean(f.jobRelated));
      set('selfEmployed', fromBoolean(f.selfEmployed));
      set('jobTitle', f.jobTitle);
      set('jobDuties', f.jobDuties);
    }
    set('tookCertificationTest', fromBoolean(f.tookCertificationTest));
    drawEntries();
  }

  /** Shows what is asked, locked and missing, and the server's field errors. */
  function update() {
    if (!view.form || view.drawing || !document.getElementById('report-form')) return;
    const f = view.form;
    const q = asked(f, view.report.followUpApplies);
    if (view.report.followUpApplies) {
      for (const name of ['educationStatus', 'employmentStatus']) {
        const { wrapper, control } = view.fields.get(name);
        control.disabled = q.statusLocked;
        wrapper.classList.toggle('locked', q.statusLocked);
      }
      for (const name of ['jobRelated', 'selfEmployed', 'jobTitle', 'jobDuties']) {
        view.fields.get(name).wrapper.hidden = !q[name];
      }
    }
    document.getElementById('certification-block').hidden = f.tookCertificationTest !== true;
    const m = missing(f, view.report.followUpApplies);
    const missingFields = new Set([...m.followUp, ...m.certificate]);
    for (const [name, { wrapper, control, message }] of view.fields) {
      const error = view.serverErrors[name];
      const isMissing = missingFields.has(name);
      message.textContent = error ? `Error: ${error}` : isMissing ? 'Required: not answered yet.' : '';
      message.classList.toggle('error', Boolean(error));
      wrapper.classList.toggle('has-error', Boolean(error));
      wrapper.classList.toggle('is-missing', !error && isMissing);
      if (control) {
        if (error) control.setAttribute('aria-invalid', 'true'); else control.removeAttribute('aria-invalid');
      }
    }
    const status = document.getElementById('completion');
    const parts = [];
    if (view.report.followUpApplies) {
      parts.push(m.followUpComplete ? 'Follow-up complete.' : `Follow-up not complete: ${m.followUp.length + (m.certificate.includes('tookCertificationTest') || m.certificate.includes('certifications') ? 1 : 0)} answer(s) missing.`);
    }
    parts.push(m.certificateComplete ? 'Certificate complete.' : `Certificate not complete: ${m.certificate.length} answer(s) missing.`);
    if (dirty()) parts.push('Unsaved changes.');
    status.textContent = parts.join(' ');
  }

  // ---------------------------------------------------------------- drafts, save, conflicts

  function offerDraft() {
    const draft = loadDraft(username, id);
    const current = answersOf(view.report);
    if (!draft || changedFields(draft.base, draft.answers).length === 0) {
      if (draft) clearDraft(username, id);
      return;
    }
    const newer = draft.version !== view.report.version;
    const box = document.getElementById('draft-offer');
    fill(box,
      h('h2', { id: 'draft-heading' }, 'You have unsaved changes to this report'),
      h('p', {}, `Kept in this browser on ${dateTime(draft.savedAt)}: ${changedFields(draft.base, draft.answers).map((f) => LABELS[f] || f).join(', ')}.`
        + (newer ? ' Someone saved the report since; only your changed answers are put on top of their version.' : '')),
      h('div', { className: 'actions' },
        h('button', {
          type: 'button', className: 'button primary', id: 'restore-draft',
          onclick: () => {
            view.form = reapply(draft.base, draft.answers, current);
            box.hidden = true;
            setValues();
            changed();
            announce('Your unsaved changes are back. Save to keep them.');
            document.getElementById('report-heading').focus();
          },
        }, 'Restore my changes'),
        h('button', {
          type: 'button', className: 'button', id: 'discard-draft',
          onclick: () => { clearDraft(username, id); box.hidden = true; announce('Unsaved changes discarded.'); document.getElementById('report-heading').focus(); },
        }, 'Discard them')));
    box.setAttribute('role', 'region');
    box.setAttribute('aria-labelledby', 'draft-heading');
    box.hidden = false;
    announce('You have unsaved changes to this report from earlier: restore or discard them.');
  }

  async function save() {
    const body = payload(view.form, view.report.followUpApplies);
    announce('Saving…');
    try {
      const { body: saved, etag } = await apiWithEtag(`/api/followups/${id}`, jsonBody('PUT', body, { 'If-Match': view.etag }));
      view.report = saved;
      view.etag = etag;
      view.base = answersOf(saved);
      view.form = structuredClone(view.base);
      view.serverErrors = {};
      clearTimeout(view.draftTimer);
      clearDraft(username, id);
      orderCache.clear();
      const focusedId = document.activeElement?.id;
      const focusedNav = document.activeElement?.dataset?.nav;
      draw();
      restoreFocus(focusedId, focusedNav);
      announce(`Saved. ${document.getElementById('completion').textContent}`);
      return true;
    } catch (error) {
      if (error instanceof ApiError && error.status === 422) {
        view.serverErrors = error.fieldErrors();
        update();
        const fields = Object.keys(view.serverErrors);
        announce(`Not saved: ${fields.length} answer(s) need a correction. ${fields.map((f) => `${LABELS[f] || f}: ${view.serverErrors[f]}`).join(' ')}`, { error: true });
        const first = [...view.fields.entries()].find(([name]) => view.serverErrors[name]);
        first?.[1].control?.focus();
      } else if (error instanceof ApiError && error.status === 409) {
        await conflict();
      } else {
        announce(`Not saved: ${error.message} Your changes are kept in this browser.`, { error: true });
      }
      return false;
    }
  }

  function restoreFocus(focusedId, focusedNav) {
    const element = focusedNav ? container.querySelector(`[data-nav="${focusedNav}"]`) : focusedId && document.getElementById(focusedId);
    (element || document.getElementById('report-heading')).focus();
  }

  /** Someone else saved first: both versions side by side, then reapply or discard mine. */
  async function conflict() {
    const { body: theirs, etag } = await apiWithEtag(`/api/followups/${id}`);
    const theirAnswers = answersOf(theirs);
    const mine = view.form;
    const fields = [...new Set([...changedFields(view.base, mine), ...changedFields(view.base, theirAnswers)])];
    const label = (number) => number;
    const table = h('table', { className: 'compare', 'data-testid': 'conflict-table' },
      h('caption', {}, 'The answers that differ'),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Question'),
        h('th', { scope: 'col' }, `Saved by ${theirs.lastSavedBy ? theirs.lastSavedBy.name || theirs.lastSavedBy.username : 'someone'} at ${dateTime(theirs.lastSavedAt)}`),
        h('th', { scope: 'col' }, 'Your changes'))),
      h('tbody', {}, fields.map((f) => h('tr', {}, h('th', { scope: 'row' }, LABELS[f] || f),
        h('td', {}, describe(f, theirAnswers[f], label)), h('td', {}, describe(f, mine[f], label))))));
    announce('Not saved: someone else saved this report first.', { error: true });
    const choice = await ask({
      title: 'Someone else saved this report first',
      message: 'Your changes were not saved. Compare both versions, then put your changes on top of theirs (and save again) or keep their version.',
      details: table,
      choices: [{ value: 'reapply', label: 'Reapply my changes', primary: true }, { value: 'theirs', label: 'Discard my changes, keep theirs' }],
    });
    const oldBase = view.base;
    view.report = theirs;
    view.etag = etag;
    view.base = theirAnswers;
    if (choice === 'theirs') {
      view.form = structuredClone(theirAnswers);
      clearDraft(username, id);
      draw();
      announce('Their version is shown; your changes are discarded.');
    } else {
      view.form = reapply(oldBase, mine, theirAnswers);
      draw();
      keepDraft();
      announce('Your changes are put on top of their version. Check them and save.');
    }
    document.getElementById('report-heading').focus();
  }

  async function cancelChanges() {
    if (!dirty()) {
      announce('There are no unsaved changes.');
      return;
    }
    const choice = await ask({
      title: 'Cancel your changes?',
      message: 'The answers go back to the last saved version.',
      choices: [{ value: 'cancel-changes', label: 'Yes, cancel my changes', primary: true }, { value: 'keep', label: 'No, keep editing' }],
    });
    if (choice === 'cancel-changes') {
      view.form = structuredClone(view.base);
      view.serverErrors = {};
      clearDraft(username, id);
      setValues();
      update();
      announce('Changes cancelled.');
    }
  }

  // ---------------------------------------------------------------- leaving, keyboard

  /** Whether the page may change; signing out removes every draft, so it says so. */
  async function leave({ signingOut = false } = {}) {
    if (!dirty()) return true;
    saveDraft(username, id, { version: view.report.version, base: view.base, answers: view.form });
    const words = signingOut
      ? { removed: 'Signing out removes them from this browser.', save: 'Save and sign out', leave: 'Sign out without saving' }
      : { removed: 'They are kept in this browser as a draft either way.', save: 'Save and go on', leave: 'Go on without saving' };
    const choice = await ask({
      title: 'Unsaved changes',
      message: `This student's report has changes that are not saved. ${words.removed}`,
      choices: [
        { value: 'save', label: words.save, primary: true },
        { value: 'leave', label: words.leave },
        { value: 'stay', label: 'Stay here' },
      ],
    });
    if (choice === 'save') return save();
    return choice === 'leave';
  }

  function onKey(event) {
    if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 's') {
      event.preventDefault();
      save();
      return;
    }
    if (event.altKey && event.shiftKey && !event.ctrlKey && SHORTCUTS[event.code] && !document.querySelector('dialog[open]')) {
      event.preventDefault();
      container.querySelector(`.report-nav [data-nav="${SHORTCUTS[event.code]}"]`)?.click();
    }
  }

  document.addEventListener('keydown', onKey);
  load();
  return {
    leave,
    hasUnsavedChanges: dirty,
    dispose: () => {
      view.disposed = true;
      clearTimeout(view.draftTimer);
      document.removeEventListener('keydown', onKey);
    },
  };
}
