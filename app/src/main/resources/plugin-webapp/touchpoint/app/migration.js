// The Migration page: a journey's versions, a preview of where each step's contacts would go from one version to
// another, and the migration itself (a Camunda batch) followed until it is done.
// Data: io.touchpoint.app.cockpit.MigrationResource, which answers what /api/journeys/{key}/migrations does.

import {el, journeySelect, message, numberCell, pluginApi, send, getJson, table, time} from './common.js';

export const MIGRATION_ROUTE = '/touchpoint-migration';
const POLL_MILLIS = 1000;

function migrationsApi(api, key) {
  return `${pluginApi(api)}/migrations/${encodeURIComponent(key)}`;
}

// "Pause=Breather, Hello=Greeting" (or one pair a line) as {"Pause":"Breather","Hello":"Greeting"}; the server
// says what is wrong with a pair
function mappingOf(text) {
  const pairs = text.split(/[,\n]/).map(pair => pair.trim()).filter(pair => pair);
  if (!pairs.length) {
    return null;
  }
  return Object.fromEntries(pairs.map(pair => {
    const [from, ...to] = pair.split('=');
    return [from.trim(), to.join('=').trim()];
  }));
}

export async function renderMigrationPage(node, api) {
  let journey;
  try {
    journey = await journeySelect(api);
  } catch (error) {
    node.replaceChildren(message(`Could not load the journeys (${error.message})`, 'error'));
    return;
  }
  const from = el('select', {name: 'from', class: 'form-control input-sm'});
  const to = el('select', {name: 'to', class: 'form-control input-sm'});
  const mapping = el('input', {name: 'mapping', class: 'form-control input-sm', size: 30,
    placeholder: 'OldStep=NewStep, …', title: 'Only for steps whose id changed: steps are mapped by id'});
  const reason = el('input', {name: 'reason', class: 'form-control input-sm', size: 30, maxlength: 1000,
    placeholder: 'why (audited)'});
  const versions = el('div', {class: 'tp-versions'});
  const preview = el('div', {class: 'tp-preview'});
  const progress = el('div', {class: 'tp-progress'});
  const form = el('form', {class: 'form-inline tp-range', 'data-touchpoint': 'migration-form'},
    el('label', {}, 'Journey ', journey), ' ', el('label', {}, 'From version ', from), ' ',
    el('label', {}, 'to ', to), ' ', el('label', {}, 'Mapping ', mapping), ' ', el('label', {}, 'Reason ', reason), ' ',
    el('button', {type: 'submit', class: 'btn btn-primary btn-sm', 'data-touchpoint': 'preview-migration'}, 'Preview'));
  const request = () => ({from: Number(from.value), to: Number(to.value), mapping: mappingOf(mapping.value),
    reason: reason.value || null});

  const showVersions = async () => {
    preview.replaceChildren();
    versions.replaceChildren(message('Loading versions…'));
    let answer;
    try {
      answer = await getJson(`${migrationsApi(api, journey.value)}/versions`);
    } catch (error) {
      versions.replaceChildren(message(`Could not load the versions (${error.message})`, 'error'));
      return;
    }
    const options = () => answer.versions.map(version => el('option', {value: version.version},
      `${version.version} (${version.running} running)`));
    from.replaceChildren(...options());
    to.replaceChildren(...options());
    // from the oldest version contacts still run in, to the newest
    from.value = String((answer.versions.find(version => version.running > 0) || answer.versions[0]).version);
    to.value = String(answer.versions[answer.versions.length - 1].version);
    versions.replaceChildren(versionsTable(answer.versions));
  };
  journey.addEventListener('change', showVersions);
  [from, to, mapping].forEach(input => input.addEventListener('change', () => preview.replaceChildren()));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    preview.replaceChildren(message('Previewing…'));
    try {
      const answer = await send(api, 'POST', `${migrationsApi(api, journey.value)}/preview`, request());
      preview.replaceChildren(...previewOf(answer, allowDrop => run(allowDrop)));
    } catch (refused) {
      preview.replaceChildren(message(refused.message, 'error'));
    }
  });

  const run = async allowDrop => {
    const key = journey.value;
    progress.replaceChildren(message('Starting the migration…'));
    let started;
    try {
      started = await send(api, 'POST', migrationsApi(api, key), {...request(), allowDrop});
    } catch (refused) {
      progress.replaceChildren(message(refused.message, 'error'));
      return false;
    }
    await follow(api, key, started.id, progress);
    // where the contacts are now; the preview stays, as what was migrated
    try {
      versions.replaceChildren(versionsTable((await getJson(`${migrationsApi(api, key)}/versions`)).versions));
    } catch (error) {
      versions.replaceChildren(message(`Could not load the versions (${error.message})`, 'error'));
    }
    return true;
  };

  node.replaceChildren(el('section', {class: 'tp-page tp-migration'},
    el('h1', {class: 'section-title'}, 'Migration'),
    el('p', {class: 'tp-lead'}, 'Move the contacts running in one version of a journey to another, where they continue '
      + 'at the matching step. Timers keep their due dates, status waits their subscriptions; nothing is sent again. '
      + 'Steps are mapped by id; name the ones whose id changed in Mapping.'),
    form, versions, preview, progress));
  await showVersions();
}

function versionsTable(versions) {
  return table({'data-table': 'versions'}, ['Version', 'Deployed', 'Waiting at'], ['Running'],
    versions.map(version => el('tr', {'data-version': version.version},
      el('td', {}, String(version.version)),
      el('td', {}, time(version.deployedAt)),
      el('td', {}, version.steps.map(step => `${step.name} ${step.waiting}`
        + (step.incidents ? ` (${step.incidents} with incident)` : '')).join(', ') || '–'),
      numberCell(version.running, {'data-metric': 'running'}))));
}

// The preview's table, and what runs the migration: with a checkbox to leave unmappable contacts behind when some
// steps cannot be mapped. run(allowDrop) answers whether the migration started.
function previewOf(preview, run) {
  const summary = el('p', {'data-touchpoint': 'preview-summary'},
    `${preview.contacts} contacts in version ${preview.from}; `
    + (preview.unmappable ? `${preview.unmappable} at steps version ${preview.to} cannot take.`
      : `all can continue in version ${preview.to}.`));
  const rows = preview.steps.map(step => el('tr', {'data-step': step.step, class: step.problem ? 'tp-unmappable' : ''},
    el('td', {}, step.name || step.step),
    el('td', {'data-metric': 'to'}, step.to || '–'),
    el('td', {'data-metric': 'problem'}, step.problem || ''),
    numberCell(step.contacts, {'data-metric': 'contacts'})));
  const button = el('button', {type: 'button', class: 'btn btn-danger btn-sm', 'data-touchpoint': 'run-migration'},
    `Migrate to version ${preview.to}`);
  const allowDrop = el('input', {type: 'checkbox', name: 'allowDrop'});
  const drop = preview.unmappable ? el('label', {class: 'tp-allow-drop'}, allowDrop,
    ` Leave the ${preview.unmappable} contacts at steps that cannot be mapped on version ${preview.from}`) : null;
  // one migration per preview: the button comes back only when the migration was refused
  button.addEventListener('click', async () => {
    button.disabled = true;
    button.disabled = await run(allowDrop.checked);
  });
  return [el('h3', {}, 'Preview'), summary,
    preview.steps.length ? table({'data-table': 'preview'}, ['Step', 'Continues at', 'Why not'], ['Contacts'], rows)
      : message(`No contact runs in version ${preview.from}.`),
    el('div', {class: 'tp-toolbar'}, drop, button)];
}

// Reads the migration's progress until the engine is done with it.
async function follow(api, key, id, node) {
  for (;;) {
    let progress;
    try {
      progress = await getJson(`${migrationsApi(api, key)}/${encodeURIComponent(id)}`);
    } catch (error) {
      node.replaceChildren(message(`Could not read the migration's progress (${error.message})`, 'error'));
      return;
    }
    node.replaceChildren(progressOf(progress));
    if (progress.state !== 'running') {
      return;
    }
    await new Promise(resolve => setTimeout(resolve, POLL_MILLIS));
  }
}

function progressOf(progress) {
  return el('div', {'data-touchpoint': 'migration-progress', 'data-state': progress.state, 'data-id': progress.id},
    el('h3', {}, `Migration ${progress.from} → ${progress.to}: ${progress.state}`),
    table({'data-table': 'progress'}, ['Requested by', 'At', 'Reason'], ['Contacts', 'Migrated', 'Failed'],
      [el('tr', {},
        el('td', {}, progress.requestedBy),
        el('td', {}, time(progress.requestedAt)),
        el('td', {}, progress.reason || ''),
        numberCell(progress.contacts, {'data-metric': 'contacts'}),
        numberCell(progress.migrated, {'data-metric': 'migrated'}),
        numberCell(progress.failed, {'data-metric': 'failed'}))]),
    progress.failures.length
      ? table({'data-table': 'failures'}, ['Contact', 'Journey instance', 'Reason'], [],
        progress.failures.map(failure => el('tr', {},
          el('td', {}, failure.contact || '–'),
          el('td', {}, failure.processInstanceId || '–'),
          el('td', {}, failure.reason || ''))))
      : null,
    progress.state === 'failed'
      ? message('The engine gave up on the contacts listed: they stay on the old version. Retry their failed step on '
        + 'the Stuck contacts page, then migrate them again; the batch is in Cockpit\'s Batches view.', 'error')
      : null);
}
