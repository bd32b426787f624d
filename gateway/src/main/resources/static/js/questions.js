// The questions of the yearly student report with the guidebook's labels (Appendix A), the codes
// of the follow-up API, and the rules of which questions apply and what is still missing
// (the same rules as the follow-up service's Completion, so missing answers show while typing).

export const EDUCATION_STATUSES = [
  ['not-attending', 'Not attending school'],
  ['secondary', 'Attending high school or technology center as a secondary student'],
  ['technology-center-adult', 'Attending a technology center as an adult student'],
  ['private-school-adult', 'Attending a private school as an adult student'],
  ['public-collegiate-adult', 'Attending a public collegiate school as an adult student'],
  ['unknown', 'Educational status is unknown'],
];

export const EMPLOYMENT_STATUSES = [
  ['employed-full-time-civilian', 'Employed full-time civilian (at least 35 hr/week)'],
  ['employed-part-time-civilian', 'Employed part-time civilian (less than 35 hr/week)'],
  ['employed-full-time-military', 'Employed full-time military'],
  ['unemployed-seeking', 'Unemployed but actively seeking employment'],
  ['not-in-labor-force', 'Not in the labor force and not seeking employment'],
  ['unknown', 'Employment status is unknown'],
];

export const RESULTS = [
  ['passed', 'Test Passed'],
  ['not-passed', 'Test Not Passed'],
  ['not-taken', 'Test Not Taken'],
];

export const LABELS = {
  email: 'Email Address',
  deceased: 'Is Student Deceased?',
  educationStatus: 'Education Status',
  employmentStatus: 'Employment Status',
  jobRelated: 'If employed civilian, is the Job related to the coursework in which they were enrolled?',
  selfEmployed: 'Is this student self-employed?',
  jobTitle: 'Job Title',
  jobDuties: 'Job Duties',
  tookCertificationTest: 'Has the student taken a certification test?',
  certifications: 'Certifications',
};

/** The answers of a report as the form holds them (same field names and codes as the API). */
export function answersOf(report) {
  const a = report.answers;
  return {
    email: a.email ?? null,
    deceased: Boolean(a.deceased),
    educationStatus: a.educationStatus ?? null,
    employmentStatus: a.employmentStatus ?? null,
    jobRelated: a.jobRelated ?? null,
    selfEmployed: a.selfEmployed ?? null,
    jobTitle: a.jobTitle ?? null,
    jobDuties: a.jobDuties ?? null,
    tookCertificationTest: a.tookCertificationTest ?? null,
    certifications: report.certifications.map((e) => ({
      assessmentNumber: e.assessmentNumber ?? null, clusterCode: e.clusterCode ?? null, result: e.result ?? null,
    })),
  };
}

export function isEmployed(answers) {
  return (answers.employmentStatus || '').startsWith('employed-');
}

export function isCivilianEmployed(answers) {
  return isEmployed(answers) && answers.employmentStatus.endsWith('-civilian');
}

/** Which follow-up questions are asked now (grade 12, not deceased, employment status). */
export function asked(answers, followUpApplies) {
  const open = followUpApplies && !answers.deceased;
  return {
    deceased: followUpApplies,
    educationStatus: followUpApplies,
    employmentStatus: followUpApplies,
    statusLocked: followUpApplies && answers.deceased,
    jobRelated: open && isCivilianEmployed(answers),
    selfEmployed: open && isCivilianEmployed(answers),
    jobTitle: open && isEmployed(answers),
    jobDuties: open && isEmployed(answers),
  };
}

/** What is sent on save: questions that are not asked are left out (the service rejects them). */
export function payload(answers, followUpApplies) {
  const q = asked(answers, followUpApplies);
  const open = followUpApplies && !answers.deceased;
  const text = (value) => (value && value.trim() ? value.trim() : null);
  return {
    email: text(answers.email),
    deceased: followUpApplies && answers.deceased,
    educationStatus: open ? answers.educationStatus : null,
    employmentStatus: open ? answers.employmentStatus : null,
    jobRelated: q.jobRelated ? answers.jobRelated : null,
    selfEmployed: q.selfEmployed ? answers.selfEmployed : null,
    jobTitle: q.jobTitle ? text(answers.jobTitle) : null,
    jobDuties: q.jobDuties ? text(answers.jobDuties) : null,
    tookCertificationTest: answers.tookCertificationTest,
    certifications: answers.tookCertificationTest === true ? answers.certifications : [],
  };
}

/** The missing answers as the API's field paths, split by section. */
export function missing(answers, followUpApplies) {
  const q = asked(answers, followUpApplies);
  const followUp = [];
  if (followUpApplies && !answers.deceased) {
    if (!answers.educationStatus) followUp.push('educationStatus');
    if (!answers.employmentStatus) followUp.push('employmentStatus');
    if (q.jobRelated && answers.jobRelated === null) followUp.push('jobRelated');
    if (q.selfEmployed && answers.selfEmployed === null) followUp.push('selfEmployed');
    if (q.jobTitle && !(answers.jobTitle || '').trim()) followUp.push('jobTitle');
  }
  const certificate = [];
  if (answers.tookCertificationTest === null) {
    certificate.push('tookCertificationTest');
  } else if (answers.tookCertificationTest) {
    if (answers.certifications.length === 0) certificate.push('certifications');
    answers.certifications.forEach((e, i) => {
      if (!e.assessmentNumber) certificate.push(`certifications[${i}].assessmentNumber`);
      if (!e.clusterCode) certificate.push(`certifications[${i}].clusterCode`);
      if (!e.result) certificate.push(`certifications[${i}].result`);
    });
  }
  const questionDone = answers.tookCertificationTest !== null
    && (!answers.tookCertificationTest || answers.certifications.length > 0);
  return {
    followUp,
    certificate,
    followUpComplete: followUpApplies && followUp.length === 0 && questionDone,
    certificateComplete: certificate.length === 0,
  };
}

function label(list, code) {
  const found = list.find(([value]) => value === code);
  return found ? found[1] : code;
}

/** An answer as text, for the comparison of two versions. */
export function describe(field, value, assessmentLabel = (n) => n) {
  if (value === null || value === undefined || value === '') return '(no answer)';
  switch (field) {
    case 'educationStatus': return label(EDUCATION_STATUSES, value);
    case 'employmentStatus': return label(EMPLOYMENT_STATUSES, value);
    case 'certifications':
      return value.length === 0 ? '(none)' : value.map((e) => [assessmentLabel(e.assessmentNumber) || '(no certification)',
        e.clusterCode || '(no cluster)', e.result ? label(RESULTS, e.result) : '(no result)'].join(', ')).join('; ');
    default:
      return typeof value === 'boolean' ? (value ? 'Yes' : 'No') : String(value);
  }
}
