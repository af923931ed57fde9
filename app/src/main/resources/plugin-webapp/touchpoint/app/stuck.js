// The Stuck contacts page: per step of a journey, the contacts waiting there longer than a while and the incidents
// there by error code; a repair per step (retry, skip, move, cancel) with a reason, carried out by the engine's
// batches and audited with the Cockpit user's name; and the journey's audited actions.
// Data: io.touchpoint.app.cockpit.RepairResource, which answers what /api/journeys/{key}/stuck and /actions do.

import {el, getJson, journeySelect, message, numberCell, pluginApi, query, routeParameter, send, table, time}
  from './common.js';
import {timelineHref} from './timeline.js';

export const STUCK_ROUTE = '/touchpoint-stuck';
const DEFAULT_OLDER_THAN = 'PT1H';

function repairsApi(api, key) {
  return `${pluginApi(api)}/repairs/${encodeURIComponent(key)}`;
}

export async function renderStuckPage(node, api) {
  let journey;
  try {
    journey = await journeySelect(api);
  } catch (error) {
    node.replaceChildren(message(`Could not load the journeys (${error.message})`, 'error'));
    return;
  }
  const olderThan = el('input', {name: 'olderThan', class: 'form-control input-sm', size: 8,
    value: routeParameter('olderThan') || DEFAULT_OLDER_THAN, title: 'ISO-8601 duration: PT30M, PT6H, P2D'});
  const outcome = el('div', {});
  const report = el('div', {class: 'tp-content'});
  const actions = el('div', {class: 'tp-actions'});
  const form = el('form', {class: 'form-inline tp-range', 'data-touchpoint': 'stuck-form'},
    el('label', {}, 'Journey ', journey), ' ', el('label', {}, 'Waiting longer than ', olderThan), ' ',
    el('button', {type: 'submit', class: 'btn btn-primary btn-sm'}, 'Show'));
  const refresh = async () => {
    await showStuck(report, api, journey.value, olderThan.value, outcome, refresh);
    await showActions(actions, api, journey.value);
  };
  form.addEventListener('submit', event => {
    event.preventDefault();
    outcome.replaceChildren();
    refresh();
  });
  node.replaceChildren(el('section', {class: 'tp-page tp-stuck'},
    el('h1', {class: 'section-title'}, 'Stuck contacts'),
    el('p', {class: 'tp-lead'}, 'Where a journey\'s contacts have waited longer than a while, and its incidents by '
      + 'error code. A repair acts on the contacts listed at its step (a retry: on those whose job there failed), '
      + 'through Camunda batches; it is audited with your name and the reason.'),
    form, outcome, report, el('h3', {}, 'Audited actions'), actions));
  await refresh();
}

async function showStuck(node, api, key, olderThan, outcome, refresh) {
  node.replaceChildren(message('Loading…'));
  let report;
  try {
    report = await getJson(`${repairsApi(api, key)}/stuck${query({olderThan})}`);
  } catch (error) {
    node.replaceChildren(message(`Could not load the stuck contacts (${error.message})`, 'error'));
    return;
  }
  if (!report.steps.length) {
    node.replaceChildren(message(`No contact of ${key} has waited longer than ${report.olderThan}, and no incident.`));
    return;
  }
  node.replaceChildren(table({'data-table': 'stuck', 'data-loaded': 'true'},
    ['Step', 'Contacts', 'Incidents', 'Repair'], ['Waiting'],
    report.steps.map(step => el('tr', {'data-step': step.step},
      el('td', {title: step.step}, step.name),
      el('td', {class: 'tp-sample'}, ...sampleOf(step)),
      el('td', {'data-metric': 'incidents'}, ...step.incidents.map(group => el('div', {'data-code': group.code,
        title: group.example || ''}, `${group.code} × ${group.count}`))),
      el('td', {}, repairForm(api, key, step, report.olderThan, outcome, refresh)),
      numberCell(step.contacts, {'data-metric': 'waiting'})))));
}

// The first contacts waiting, each linked to its timeline
function sampleOf(step) {
  const links = step.sample.map(contact => el('a', {href: timelineHref(contact), 'data-contact': contact}, contact));
  const shown = links.flatMap((link, index) => index ? [', ', link] : [link]);
  return step.contacts > step.sample.length ? [...shown, ` and ${step.contacts - step.sample.length} more`] : shown;
}

function repairForm(api, key, step, olderThan, outcome, refresh) {
  const action = el('select', {name: 'action', class: 'form-control input-sm'},
    ...['retry', 'skip', 'move', 'cancel'].map(name => el('option', {value: name}, name)));
  action.value = step.incidents.length ? 'retry' : 'skip';
  const to = el('input', {name: 'to', class: 'form-control input-sm', size: 10, placeholder: 'to step'});
  const reason = el('input', {name: 'reason', class: 'form-control input-sm', size: 22, maxlength: 1000,
    placeholder: 'reason (required)'});
  const showTo = () => {
    to.style.display = action.value === 'move' ? '' : 'none';
  };
  action.addEventListener('change', showTo);
  showTo();
  const form = el('form', {class: 'form-inline tp-repair', 'data-step': step.step}, action, ' ', to, ' ', reason, ' ',
    el('button', {type: 'submit', class: 'btn btn-danger btn-sm'}, 'Apply'));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    // the contacts listed: those there longer than the page's olderThan (a retry takes those whose job failed)
    const body = {action: action.value, step: step.step, reason: reason.value || null,
      to: action.value === 'move' ? to.value : null,
      olderThan: action.value === 'retry' ? null : olderThan};
    try {
      const started = await send(api, 'POST', `${repairsApi(api, key)}/actions`, body);
      outcome.replaceChildren(el('div', {class: 'tp-message tp-message-success', 'data-touchpoint': 'repair-result',
        'data-action-id': started.id},
      `${action.value} at ${step.name}: action ${started.id}, ${started.contacts} contacts, carried out by batch `
        + started.batches.join(', ')
        + (started.notAtStep.length ? `; not at the step: ${started.notAtStep.join(', ')}` : '')));
      await refresh();
    } catch (refused) {
      outcome.replaceChildren(message(refused.message, 'error'));
    }
  });
  return form;
}

async function showActions(node, api, key) {
  let answer;
  try {
    answer = await getJson(`${repairsApi(api, key)}/actions`);
  } catch (error) {
    node.replaceChildren(message(`Could not load the audited actions (${error.message})`, 'error'));
    return;
  }
  node.replaceChildren(answer.actions.length
    ? table({'data-table': 'actions'}, ['At', 'Action', 'Step', 'Requested by', 'Reason', 'Id'], ['Contacts'],
      answer.actions.map(action => el('tr', {'data-action-id': action.id},
        el('td', {}, time(action.requestedAt)),
        el('td', {'data-metric': 'action'}, action.action),
        el('td', {}, action.action === 'migrate' ? `v${action.fromVersion} → v${action.toVersion}`
          : action.step + (action.target ? ` → ${action.target}` : '')),
        el('td', {'data-metric': 'requestedBy'}, action.requestedBy),
        el('td', {}, action.reason || ''),
        el('td', {class: 'tp-id'}, action.id),
        numberCell(action.contacts, {'data-metric': 'contacts'}))))
    : message('No action on this journey yet.'));
}
