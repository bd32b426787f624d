// Building the page from data: every value becomes a text node or an attribute, never HTML.

const PROPERTIES = new Set(['value', 'checked', 'disabled', 'hidden', 'selected', 'type', 'name', 'href',
  'htmlFor', 'className', 'id', 'tabIndex', 'required', 'readOnly', 'multiple', 'accept', 'rows', 'maxLength']);

/**
 * h('button', {className: 'button', onclick: save}, 'Save'): an element with properties,
 * attributes (aria-*, data-*, anything else) and children (strings become text nodes; null is skipped).
 */
export function h(tag, props = {}, ...children) {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(props || {})) {
    if (value === undefined || value === null || value === false && !PROPERTIES.has(key)) {
      continue;
    }
    if (key.startsWith('on') && typeof value === 'function') {
      element.addEventListener(key.substring(2), value);
    } else if (key === 'dataset') {
      Object.assign(element.dataset, value);
    } else if (PROPERTIES.has(key)) {
      element[key] = value;
    } else {
      element.setAttribute(key, value === true ? '' : String(value));
    }
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) {
      continue;
    }
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

const SVG = 'http://www.w3.org/2000/svg';

/** svg('rect', {x: 0, width: '40%'}): an SVG element; every value becomes an attribute (no style). */
export function svg(tag, attributes = {}, ...children) {
  const element = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attributes || {})) {
    if (value !== undefined && value !== null && value !== false) {
      element.setAttribute(key, String(value));
    }
  }
  append(element, children);
  return element;
}

/**
 * A table with a caption (visible, or for screen readers only when a heading says the same), column
 * headers and rows of cells (text or elements); "None." when empty.
 */
export function table(caption, headers, rows, { testId = null, className = 'students', captionHidden = false } = {}) {
  return h('table', { className, 'data-testid': testId },
    h('caption', { className: captionHidden ? 'visually-hidden' : 'table-caption' }, caption),
    h('thead', {}, h('tr', {}, headers.map((text) => h('th', { scope: 'col' }, text)))),
    h('tbody', {}, rows.length ? rows.map((cells) => h('tr', {}, cells.map((cell) => h('td', {}, cell ?? ''))))
      : h('tr', {}, h('td', { colSpan: headers.length, className: 'empty' }, 'None.'))));
}

/** Replaces an element's children. */
export function fill(element, ...children) {
  element.replaceChildren();
  append(element, children);
  return element;
}

let announceTimer;

/** Says something to screen-reader users (and shows it): polite for progress, assertive for errors. */
export function announce(message, { error = false } = {}) {
  const status = document.getElementById('status');
  const alert = document.getElementById('alert');
  clearTimeout(announceTimer);
  status.textContent = error ? '' : message;
  alert.textContent = error ? message : '';
  if (!error && message) {
    announceTimer = setTimeout(() => { status.textContent = ''; }, 8000);
  }
}

/**
 * The file chosen in a file input as a multipart body (part "file"); null, with the reason
 * announced and the input focused, when none is chosen.
 */
export function fileBody(input, missing) {
  if (!input.files.length) {
    announce(missing, { error: true });
    input.focus();
    return null;
  }
  const body = new FormData();
  body.append('file', input.files[0]);
  return body;
}

/** A unique id for label/description links. */
let counter = 0;
export function uid(prefix) {
  counter += 1;
  return `${prefix}-${counter}`;
}

/** Date "2001-03-17" as the guidebook shows it: 03/17/2001. */
export function usDate(iso) {
  if (!iso) {
    return '';
  }
  const [year, month, day] = iso.substring(0, 10).split('-');
  return `${month}/${day}/${year}`;
}

/** A moment as local date and time. */
export function dateTime(iso) {
  return iso ? new Date(iso).toLocaleString() : '';
}

/**
 * A modal question (native dialog: focus stays inside, Escape cancels). Resolves with the value
 * of the chosen button, or null when cancelled.
 */
export function ask({ title, message, choices, details }) {
  return new Promise((resolve) => {
    const titleId = uid('dialog-title');
    const dialog = h('dialog', { className: 'dialog', 'aria-labelledby': titleId });
    const buttons = choices.map((choice) => h('button', {
      type: 'button',
      className: choice.primary ? 'button primary' : 'button',
      dataset: { choice: choice.value },
      onclick: () => { dialog.close(choice.value); },
    }, choice.label));
    fill(dialog,
      h('h2', { id: titleId }, title),
      h('p', {}, message),
      details || null,
      h('div', { className: 'dialog-actions' }, buttons));
    dialog.addEventListener('close', () => {
      const value = dialog.returnValue;
      dialog.remove();
      resolve(value && value !== 'cancel' ? value : null);
    });
    dialog.addEventListener('cancel', () => { dialog.returnValue = 'cancel'; });
    document.body.append(dialog);
    dialog.showModal();
    (buttons.find((b) => b.classList.contains('primary')) || buttons[0]).focus();
  });
}

/** Moves focus to the new screen's heading, so keyboard and screen-reader users start there. */
export function focusHeading(container) {
  const heading = container.querySelector('h1');
  if (heading) {
    heading.tabIndex = -1;
    heading.focus({ preventScroll: false });
  }
}

