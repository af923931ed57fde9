// What the Touchpoint Cockpit pages share: the plugin's REST API (read with Cockpit's session cookie), and a few
// DOM helpers. plugin.js and the page modules import it; Cockpit serves it because the plugin's root resource names
// it (io.touchpoint.app.cockpit.TouchpointCockpitRootResource).

export const PLUGIN_ID = 'touchpoint';

// ---------------------------------------------------------------- data

// Cockpit 7.24 hands diagram plugins the whole page URL as the engine name (it reads the name
// from the URL with the app's name, which it does not know there), so take it from the URL here.
export function engineOf(api) {
  if (/^[\w-]+$/.test(api.engine)) {
    return api.engine;
  }
  const match = window.location.pathname.match(/\/cockpit\/([^/]+)/);
  return match ? decodeURIComponent(match[1]) : 'default';
}

export function pluginApi(api) {
  return `${api.cockpitApi}/plugin/${PLUGIN_ID}/${engineOf(api)}`;
}

export function engineApi(api) {
  return `${api.baseApi}/engine/${engineOf(api)}`;
}

export function query(params) {
  const entries = Object.entries(params).filter(([, value]) => value !== undefined && value !== null && value !== '');
  return entries.length ? '?' + new URLSearchParams(entries).toString() : '';
}

// A problem document's field errors ("from: must not be null"), else its detail, else the text as it is.
function failure(status, text) {
  let detail = text;
  try {
    const problem = JSON.parse(text);
    detail = (problem.errors || []).map(e => `${e.field}: ${e.problem}`).join('; ') || problem.detail || text;
  } catch (notJson) {
    // a plain-text error page: shown as it is
  }
  const error = new Error(`${status}: ${detail}`);
  error.status = status;
  return error;
}

export async function getJson(url) {
  const response = await fetch(url, {credentials: 'same-origin', headers: {Accept: 'application/json'}});
  const body = await response.text();
  if (!response.ok) {
    throw failure(response.status, body);
  }
  return JSON.parse(body);
}

// Cockpit refuses changes without its CSRF token, which it hands plugins as api.CSRFToken.
// Answers the response's JSON, or null when it has none.
export async function send(api, method, url, body) {
  const response = await fetch(url, {
    method,
    credentials: 'same-origin',
    headers: {'Content-Type': 'application/json', Accept: 'application/json', 'X-XSRF-TOKEN': api.CSRFToken || ''},
    body: body === undefined ? undefined : JSON.stringify(body)
  });
  const text = await response.text();
  if (!response.ok) {
    throw failure(response.status, text);
  }
  return text ? JSON.parse(text) : null;
}

// A parameter of the page's Cockpit route: #/touchpoint-timeline?contact=u-1
export function routeParameter(name) {
  const hash = window.location.hash;
  const start = hash.indexOf('?');
  return start < 0 ? null : new URLSearchParams(hash.slice(start + 1)).get(name);
}

// The journeys to pick from, newest version last: [{key, name, versions}]
export async function journeys(api) {
  return (await getJson(`${pluginApi(api)}/journeys`)).journeys;
}

// ---------------------------------------------------------------- formatting

export function time(iso) {
  return iso ? iso.replace('T', ' ').slice(0, 19) : '–';
}

// ---------------------------------------------------------------- DOM

export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  setAttributes(node, attributes);
  node.append(...children.filter(child => child !== null && child !== undefined));
  return node;
}

export function setAttributes(node, attributes) {
  Object.entries(attributes).forEach(([name, value]) => {
    if (value !== undefined && value !== null) {
      node.setAttribute(name, value);
    }
  });
}

export function message(text, kind = 'info') {
  return el('div', {class: `tp-message tp-message-${kind}`}, text);
}

// headings: the text columns' names, then the number columns' names (right-aligned like their cells)
export function table(attributes, textHeadings, numberHeadings, rows) {
  return el('table', {class: 'cam-table tp-table', ...attributes},
    el('thead', {}, el('tr', {},
      ...textHeadings.map(heading => el('th', {}, heading)),
      ...numberHeadings.map(heading => el('th', {class: 'tp-number'}, heading)))),
    el('tbody', {}, ...rows));
}

export function numberCell(value, attributes = {}) {
  return el('td', {class: 'tp-number', ...attributes}, value === null || value === undefined ? '–' : String(value));
}

export function downloadLink(href, label, name) {
  return el('a', {class: 'btn btn-default btn-sm tp-download', href, download: '', 'data-download': name}, label);
}

// A select of the deployed journeys; the one named in the route (?journey=) is chosen.
export async function journeySelect(api) {
  const select = el('select', {name: 'journey', class: 'form-control input-sm'});
  const all = await journeys(api);
  select.append(...all.map(journey => el('option', {value: journey.key}, journey.name ? `${journey.name} (${journey.key})`
    : journey.key)));
  const chosen = routeParameter('journey');
  if (chosen && all.some(journey => journey.key === chosen)) {
    select.value = chosen;
  }
  return select;
}
