// A type-ahead field (WAI-ARIA combobox with a list box). Searching is debounced and the previous
// request is aborted, so typing never waits for the network and a late answer never overwrites a
// newer one. Arrow keys move through the suggestions, Enter picks one, Escape closes the list.

import { h, uid } from './dom.js';

const DEBOUNCE_MS = 200;

/**
 * @param {object} o
 * @param {string} o.label visible label text
 * @param {(text: string, signal: AbortSignal) => Promise<object[]>} o.search suggestions for the text
 * @param {(item: object) => string} o.format the text of a suggestion (and of the field once picked)
 * @param {(item: object|null) => void} o.onSelect called with the picked item (null when the text is changed again)
 * @param {string} [o.value] the text shown at first
 * @param {number} [o.minLength] characters needed before searching
 * @param {string} [o.hint] help text under the field
 * @param {string} [o.testId] data-testid of the input
 */
export function combobox({ label, search, format, onSelect, value = '', minLength = 1, hint, testId, id, describedBy,
  labelHidden = false }) {
  const inputId = id || uid('combo');
  const listId = uid('listbox');
  const hintId = hint ? uid('hint') : null;
  let items = [];
  let active = -1;
  let timer;
  let controller;
  let picked = value !== '';

  const input = h('input', {
    id: inputId, type: 'text', className: 'input', value, autocomplete: 'off', spellcheck: 'false',
    role: 'combobox', 'aria-autocomplete': 'list', 'aria-expanded': 'false', 'aria-controls': listId,
    'aria-describedby': [hintId, describedBy].filter(Boolean).join(' ') || null,
    'data-testid': testId || null,
  });
  const list = h('ul', { id: listId, role: 'listbox', className: 'listbox', hidden: true, 'aria-label': `${label} suggestions` });
  const live = h('span', { className: 'visually-hidden', 'aria-live': 'polite' });

  function close() {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  }

  function show(found) {
    items = found;
    active = -1;
    list.replaceChildren(...found.map((item, index) => h('li', {
      id: `${listId}-${index}`, role: 'option', className: 'option', 'aria-selected': 'false',
      // mousedown, not click: picking must happen before the input loses focus
      onmousedown: (event) => { event.preventDefault(); pick(index); },
    }, format(item))));
    if (found.length === 0) {
      list.append(h('li', { className: 'option empty', 'aria-disabled': 'true' }, 'Nothing found'));
    }
    list.hidden = false;
    input.setAttribute('aria-expanded', 'true');
    live.textContent = found.length === 0 ? 'Nothing found' : `${found.length} suggestions`;
  }

  function highlight(index) {
    if (items.length === 0) {
      return;
    }
    active = (index + items.length) % items.length;
    [...list.querySelectorAll('[role=option]')].forEach((option, i) => {
      option.setAttribute('aria-selected', String(i === active));
    });
    const option = document.getElementById(`${listId}-${active}`);
    input.setAttribute('aria-activedescendant', option.id);
    option.scrollIntoView({ block: 'nearest' });
  }

  function pick(index) {
    const item = items[index];
    input.value = format(item);
    picked = true;
    close();
    onSelect(item);
  }

  async function lookUp(text) {
    controller?.abort();
    controller = new AbortController();
    try {
      show(await search(text, controller.signal));
    } catch (error) {
      if (error.name !== 'AbortError') {
        show([]);
        live.textContent = `Suggestions could not be loaded: ${error.message}`;
      }
    }
  }

  input.addEventListener('input', () => {
    if (picked) {
      picked = false;
      onSelect(null);
    }
    clearTimeout(timer);
    const text = input.value.trim();
    if (text.length < minLength) {
      controller?.abort();
      close();
      return;
    }
    timer = setTimeout(() => lookUp(text), DEBOUNCE_MS);
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      if (list.hidden && input.value.trim().length >= minLength) {
        lookUp(input.value.trim());
      } else {
        highlight(active + 1);
      }
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      highlight(active - 1);
    } else if (event.key === 'Enter' && !list.hidden) {
      event.preventDefault();
      if (active >= 0) {
        pick(active);
      } else if (items.length === 1) {
        pick(0);
      }
    } else if (event.key === 'Escape' && !list.hidden) {
      event.preventDefault();
      event.stopPropagation();
      close();
    }
  });
  input.addEventListener('blur', () => setTimeout(close, 150));

  const element = h('div', { className: 'combobox' },
    h('label', { htmlFor: inputId, className: labelHidden ? 'visually-hidden' : 'label' }, label),
    hint ? h('p', { id: hintId, className: 'hint' }, hint) : null,
    h('div', { className: 'combobox-field' }, input, list),
    live);
  return { element, input };
}
