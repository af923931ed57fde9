// A contact's timeline: each journey with its steps and messages (with the decision about each send and its
// statuses), and the opt-outs of the contact's addresses. On its own page (found from the Journeys page's contact
// lookup) and as a tab on a process instance, whose business key is the contact id.
// Data: io.touchpoint.app.cockpit.TimelineResource, which answers what /api/contacts/{id}/timeline does.

import {downloadLink, el, engineApi, getJson, message, pluginApi, routeParameter, table, time} from './common.js';

export const TIMELINE_ROUTE = '/touchpoint-timeline';

function timelineApi(api, contact) {
  return `${pluginApi(api)}/contacts/${encodeURIComponent(contact)}`;
}

export function timelineHref(contact) {
  return `#${TIMELINE_ROUTE}?contact=${encodeURIComponent(contact)}`;
}

// The lookup the Journeys page shows: a contact id, then that contact's timeline page.
export function contactLookup() {
  const contact = el('input', {name: 'contact', class: 'form-control input-sm', placeholder: 'contact id', size: 24});
  const form = el('form', {class: 'form-inline tp-range', 'data-touchpoint': 'contact-lookup'},
    el('label', {}, 'Contact timeline ', contact), ' ',
    el('button', {type: 'submit', class: 'btn btn-default btn-sm'}, 'Show'));
  form.addEventListener('submit', event => {
    event.preventDefault();
    if (contact.value.trim()) {
      window.location.hash = timelineHref(contact.value.trim());
    }
  });
  return form;
}

export async function renderTimelinePage(node, api) {
  const contact = routeParameter('contact');
  const content = el('div', {class: 'tp-content'});
  node.replaceChildren(el('section', {class: 'tp-page tp-timeline-page'},
    el('h1', {class: 'section-title'}, 'Contact timeline'),
    contactLookup(), content));
  if (!contact) {
    content.replaceChildren(message('Name a contact to see what it went through.'));
    return;
  }
  await showTimeline(content, api, contact);
}

export async function renderTimelineTab(node, api, processInstanceId) {
  node.replaceChildren(message('Loading the contact\'s timeline…'));
  let instance;
  try {
    instance = await getJson(`${engineApi(api)}/process-instance/${encodeURIComponent(processInstanceId)}`);
  } catch (error) {
    node.replaceChildren(message(`Could not load the process instance (${error.message})`, 'error'));
    return;
  }
  if (!instance.businessKey) {
    node.replaceChildren(message('This process instance has no business key: it is no contact\'s journey.'));
    return;
  }
  await showTimeline(node, api, instance.businessKey, processInstanceId);
}

// current: the process instance the timeline is shown on, marked among the contact's journeys
async function showTimeline(node, api, contact, current) {
  node.replaceChildren(message('Loading the contact\'s timeline…'));
  let history;
  try {
    history = await getJson(`${timelineApi(api, contact)}/timeline`);
  } catch (error) {
    node.replaceChildren(message(error.status === 404 ? `Touchpoint knows no contact '${contact}'.`
      : `Could not load the timeline (${error.message})`, error.status === 404 ? 'info' : 'error'));
    return;
  }
  node.replaceChildren(el('div', {class: 'tp-timeline', 'data-contact': history.contact, 'data-loaded': 'true'},
    el('div', {class: 'tp-toolbar'},
      el('h3', {}, `Contact ${history.contact}`),
      downloadLink(`${timelineApi(api, contact)}/timeline.csv`, 'Download CSV', 'timeline-csv'),
      current ? el('a', {href: timelineHref(contact)}, 'Open as page') : null),
    history.journeys.length ? null : message('No journey: only messages of this contact are known.'),
    ...history.journeys.map(journey => journeySection(journey, journey.processInstanceId === current)),
    el('h4', {}, 'Opt-outs'),
    history.optOuts.length
      ? table({'data-table': 'opt-outs'}, ['Channel', 'Address', 'Keyword', 'At'], [],
        history.optOuts.map(optOut => el('tr', {'data-channel': optOut.channel},
          el('td', {}, optOut.channel), el('td', {}, optOut.address), el('td', {}, optOut.keyword || ''),
          el('td', {}, time(optOut.at)))))
      : message('None of the contact\'s addresses opted out.')));
}

function journeySection(journey, current) {
  const instance = journey.endedAt ? journey.processInstanceId
    : el('a', {href: `#/process-instance/${journey.processInstanceId}/runtime`}, journey.processInstanceId);
  return el('div', {class: `tp-timeline-journey${current ? ' tp-current' : ''}`,
    'data-journey': journey.key, 'data-process-instance-id': journey.processInstanceId},
  el('h4', {}, `${journey.key} v${journey.version}`),
  el('p', {class: 'tp-lead'}, 'Instance ', instance, `, started ${time(journey.startedAt)}, `,
    journey.endedAt ? `ended ${time(journey.endedAt)}` : 'running'),
  el('div', {class: 'tp-timeline-tables'},
    table({'data-table': 'steps'}, ['Step', 'Entered', 'Left'], [],
      journey.steps.map(step => el('tr', {'data-step': step.id},
        el('td', {title: step.id}, step.name), el('td', {}, time(step.enteredAt)),
        el('td', {}, step.leftAt ? time(step.leftAt) : 'waiting')))),
    journey.messages.length
      ? table({'data-table': 'messages'}, ['Step', 'Channel', 'Provider', 'Decision', 'At', 'Statuses'], [],
        journey.messages.map(sent => el('tr', {'data-step': sent.step},
          el('td', {}, sent.step),
          el('td', {}, sent.channel),
          el('td', {title: sent.providerMessageId || ''}, sent.provider || '–'),
          el('td', {'data-metric': 'decision', title: sent.reason || ''},
            sent.outcomeCode ? `${sent.outcome} ${sent.outcomeCode}` : sent.outcome),
          el('td', {}, time(sent.at)),
          el('td', {'data-metric': 'statuses'}, ...statusesOf(sent.statuses)))))
      : message('No message in this journey.')));
}

function statusesOf(statuses) {
  if (!statuses.length) {
    return ['–'];
  }
  return statuses.map(status => el('span', {class: 'tp-status', 'data-status': status.status, title: time(status.at)},
    status.status));
}
