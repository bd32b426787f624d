// Unsaved answers of a report, kept in the browser's localStorage so that nothing typed is lost
// when the user moves on, reloads or the session ends. The only thing the client stores there.
// A draft remembers the answers it started from (base), so that it can be reapplied on top of a
// version someone else saved meanwhile: only the fields the user changed are carried over.

const PREFIX = 'ctims.draft.';

function key(username, reportId) {
  return `${PREFIX}${username}.${reportId}`;
}

/** Stores the draft: {version, base, answers, savedAt}. */
export function saveDraft(username, reportId, draft) {
  try {
    localStorage.setItem(key(username, reportId), JSON.stringify({ ...draft, savedAt: new Date().toISOString() }));
  } catch (error) {
    // storage full or disabled: the confirmation on leaving still protects the changes
  }
}

export function loadDraft(username, reportId) {
  try {
    const text = localStorage.getItem(key(username, reportId));
    return text ? JSON.parse(text) : null;
  } catch (error) {
    return null;
  }
}

export function clearDraft(username, reportId) {
  localStorage.removeItem(key(username, reportId));
}

/** On sign-out: no draft outlives the session's owner. */
export function clearAllDrafts() {
  for (let i = localStorage.length - 1; i >= 0; i -= 1) {
    const name = localStorage.key(i);
    if (name && name.startsWith(PREFIX)) {
      localStorage.removeItem(name);
    }
  }
}

/** Report ids with a draft of this user (for the list's "unsaved changes" mark). */
export function draftIds(username) {
  const prefix = `${PREFIX}${username}.`;
  const ids = new Set();
  for (let i = 0; i < localStorage.length; i += 1) {
    const name = localStorage.key(i);
    if (name && name.startsWith(prefix)) {
      ids.add(name.substring(prefix.length));
    }
  }
  return ids;
}

/** The fields whose value differs (values compared as JSON: certifications are a list). */
export function changedFields(from, to) {
  return Object.keys(to).filter((field) => JSON.stringify(from[field] ?? null) !== JSON.stringify(to[field] ?? null));
}

/** theirs + the fields the user changed from base to mine. */
export function reapply(base, mine, theirs) {
  const merged = { ...theirs };
  for (const field of changedFields(base, mine)) {
    merged[field] = mine[field];
  }
  return merged;
}
