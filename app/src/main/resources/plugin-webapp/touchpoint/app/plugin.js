// Touchpoint in Cockpit (Camunda 7.14+ plugin module, no dependencies): journey analytics and the send governor
// here, the operator pages in their own modules (Cockpit imports this file as an ES module, so it imports its
// siblings). Data: the plugin's REST API (io.touchpoint.app.cockpit.JourneyAnalyticsResource and its siblings),
// read with Cockpit's session cookie. Charts are plain SVG, so "SVG" downloads the chart itself and "PNG" paints
// that SVG onto a canvas.

import {downloadLink, el, engineApi, getJson, message, pluginApi, query, send, setAttributes, table}
  from './common.js';
import {MIGRATION_ROUTE, renderMigrationPage} from './migration.js';
import {STUCK_ROUTE, renderStuckPage} from './stuck.js';
import {TIMELINE_ROUTE, contactLookup, renderTimelinePage, renderTimelineTab} from './timeline.js';

const ROUTE = '/touchpoint-journeys';
const SVG_NS = 'http://www.w3.org/2000/svg';
const FONT = 'Helvetica, Arial, sans-serif';

const SUMMARY_COLUMNS = [
  ['started', 'Started', count],
  ['active', 'Active', count],
  ['completed', 'Completed', count],
  ['dropOffs', 'Drop-offs', count],
  ['incidents', 'Incidents', count],
  ['goals', 'Goals', count],
  ['heldOut', 'Held out', count],
  ['conversionRate', 'Conversion', percent],
  ['avgDurationSeconds', 'Avg duration', duration],
  ['p90DurationSeconds', 'p90 duration', duration]
];
const SUMMARY_HEADINGS = SUMMARY_COLUMNS.map(([, heading]) => heading);

const TIMELINE_SERIES = [
  ['started', 'Started', '#1f6fb2'],
  ['completed', 'Completed', '#3c9a48'],
  ['goals', 'Goals', '#7b4fb8'],
  ['dropOffs', 'Drop-offs', '#c9342e']
];

// ---------------------------------------------------------------- data

// The tab and the overlay know a process definition id; the report is asked for by key and version.
async function reportOfDefinition(api, processDefinitionId) {
  const definition = await getJson(`${engineApi(api)}/process-definition/${encodeURIComponent(processDefinitionId)}`);
  const report = await getJson(`${pluginApi(api)}/journeys/${encodeURIComponent(definition.key)}${query({version: definition.version})}`);
  return {definition, report};
}

// ---------------------------------------------------------------- formatting

function count(value) {
  return value === null || value === undefined ? '–' : String(value);
}

function percent(rate) {
  return rate === null || rate === undefined ? '–' : `${(rate * 100).toFixed(1)} %`;
}

function duration(seconds) {
  if (seconds === null || seconds === undefined) {
    return '–';
  }
  if (seconds < 60) {
    return `${seconds.toFixed(seconds < 10 ? 1 : 0)} s`;
  }
  if (seconds < 3600) {
    return `${(seconds / 60).toFixed(1)} min`;
  }
  if (seconds < 86400) {
    return `${(seconds / 3600).toFixed(1)} h`;
  }
  return `${(seconds / 86400).toFixed(1)} d`;
}

// hourly points show day and hour, daily and weekly ones the date, monthly ones the month
function bucketLabel(points) {
  const spacing = points.length > 1 ? Date.parse(points[1].start) - Date.parse(points[0].start) : 86400000;
  if (spacing < 86400000) {
    return iso => iso.slice(5, 16).replace('T', ' ');
  }
  return spacing < 28 * 86400000 ? iso => iso.slice(0, 10) : iso => iso.slice(0, 7);
}

function dayAfter(day) {
  if (!day) {
    return day;
  }
  const next = new Date(`${day}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString().slice(0, 10);
}

function fileSafe(text) {
  return String(text).replace(/[^A-Za-z0-9._-]+/g, '_');
}

// ---------------------------------------------------------------- DOM

function svg(tag, attributes = {}, ...children) {
  const node = document.createElementNS(SVG_NS, tag);
  setAttributes(node, attributes);
  node.append(...children);
  return node;
}

function metricCells(summary) {
  return SUMMARY_COLUMNS.map(([key, , format]) =>
    el('td', {class: 'tp-number', 'data-metric': key, 'data-value': summary[key] ?? ''}, format(summary[key])));
}

// ---------------------------------------------------------------- charts

// A grouped bar chart of a journey's timeline: per time bucket, how many journeys started,
// completed, reached their goal or dropped off.
function timelineChart(points, title) {
  const width = 640;
  const height = 240;
  const margin = {top: 34, right: 16, bottom: 44, left: 44};
  const plotWidth = width - margin.left - margin.right;
  const plotHeight = height - margin.top - margin.bottom;
  const chart = svg('svg', {
    xmlns: SVG_NS, class: 'tp-chart', width, height, viewBox: `0 0 ${width} ${height}`,
    'font-family': FONT, 'font-size': 11, role: 'img', 'aria-label': title
  });
  chart.append(
    svg('rect', {x: 0, y: 0, width, height, fill: '#ffffff'}),
    svg('text', {x: margin.left, y: 16, 'font-size': 13, 'font-weight': 'bold', fill: '#333'}, title));

  let legendX = width - margin.right;
  [...TIMELINE_SERIES].reverse().forEach(([, label, colour]) => {
    legendX -= label.length * 6.5 + 22;
    chart.append(
      svg('rect', {x: legendX, y: 8, width: 10, height: 10, fill: colour}),
      svg('text', {x: legendX + 14, y: 17, fill: '#333'}, label));
  });

  const baseline = margin.top + plotHeight;
  chart.append(svg('line', {x1: margin.left, y1: baseline, x2: margin.left + plotWidth, y2: baseline, stroke: '#999'}));
  if (!points.length) {
    chart.append(svg('text', {x: margin.left + plotWidth / 2, y: margin.top + plotHeight / 2, 'text-anchor': 'middle', fill: '#777'},
      'Nothing started in this period'));
    return chart;
  }

  const max = Math.max(1, ...points.flatMap(point => TIMELINE_SERIES.map(([key]) => point[key] || 0)));
  const step = Math.max(1, Math.ceil(max / 4));
  const top = step * Math.ceil(max / step);
  const y = value => baseline - (value / top) * plotHeight;
  for (let tick = 0; tick <= top; tick += step) {
    chart.append(
      svg('line', {x1: margin.left, y1: y(tick), x2: margin.left + plotWidth, y2: y(tick), stroke: '#e5e5e5'}),
      svg('text', {x: margin.left - 6, y: y(tick) + 4, 'text-anchor': 'end', fill: '#555'}, String(tick)));
  }

  const label = bucketLabel(points);
  const slot = plotWidth / points.length;
  const barWidth = Math.min(28, Math.max(1, (slot * 0.8) / TIMELINE_SERIES.length));
  const groupWidth = barWidth * TIMELINE_SERIES.length;
  const labelEvery = Math.ceil(points.length / 8);
  points.forEach((point, index) => {
    const slotX = margin.left + index * slot + (slot - groupWidth) / 2;
    TIMELINE_SERIES.forEach(([key, name, colour], series) => {
      const value = point[key] || 0;
      chart.append(svg('rect', {
        x: slotX + series * barWidth, y: y(value), width: barWidth, height: baseline - y(value), fill: colour,
        'data-series': key, 'data-bucket': point.start, 'data-value': value
      }, svg('title', {}, `${name} ${label(point.start)}: ${value}`)));
    });
    if (index % labelEvery === 0) {
      chart.append(svg('text', {x: margin.left + index * slot + slot / 2, y: baseline + 16, 'text-anchor': 'middle', fill: '#555'},
        label(point.start)));
    }
  });
  return chart;
}

function svgText(chart) {
  return '<?xml version="1.0" encoding="UTF-8"?>\n' + new XMLSerializer().serializeToString(chart);
}

function save(blob, fileName) {
  const link = el('a', {href: URL.createObjectURL(blob), download: fileName});
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10000);
}

function saveSvg(chart, fileName) {
  save(new Blob([svgText(chart)], {type: 'image/svg+xml'}), `${fileName}.svg`);
}

function savePng(chart, fileName) {
  const scale = 2;
  const image = new Image();
  image.onload = () => {
    const canvas = el('canvas', {width: chart.getAttribute('width') * scale, height: chart.getAttribute('height') * scale});
    const context = canvas.getContext('2d');
    context.scale(scale, scale);
    context.drawImage(image, 0, 0);
    canvas.toBlob(blob => save(blob, `${fileName}.png`), 'image/png');
  };
  image.src = 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(svgText(chart));
}

function chartWithDownloads(chart, fileName) {
  const png = el('button', {type: 'button', class: 'btn btn-default btn-sm', 'data-download': 'png'}, 'PNG');
  const svgButton = el('button', {type: 'button', class: 'btn btn-default btn-sm', 'data-download': 'svg'}, 'SVG');
  png.addEventListener('click', () => savePng(chart, fileName));
  svgButton.addEventListener('click', () => saveSvg(chart, fileName));
  return el('div', {class: 'tp-chart-box', 'data-chart': fileName},
    chart, el('div', {class: 'tp-chart-actions'}, 'Download chart: ', png, ' ', svgButton));
}

// ---------------------------------------------------------------- the Journeys page

function rangeForm(onApply) {
  const from = el('input', {type: 'date', name: 'from', class: 'form-control input-sm'});
  const to = el('input', {type: 'date', name: 'to', class: 'form-control input-sm'});
  const machineOpens = el('input', {type: 'checkbox', name: 'machineOpens'});
  const form = el('form', {class: 'form-inline tp-range'},
    el('label', {}, 'From ', from), ' ',
    el('label', {}, 'To ', to), ' ',
    el('label', {title: 'Opens reported by mail image proxies (e.g. Gmail) rather than a person'},
      machineOpens, ' count machine opens'), ' ',
    el('button', {type: 'submit', class: 'btn btn-primary btn-sm'}, 'Apply'));
  form.addEventListener('submit', event => {
    event.preventDefault();
    // the API's "to" is exclusive; the page's "To" day is meant to be included
    onApply({from: from.value, to: dayAfter(to.value), machineOpens: machineOpens.checked ? 'true' : ''});
  });
  return form;
}

async function renderJourneysPage(node, api) {
  const content = el('div', {class: 'tp-content'});
  node.replaceChildren(el('section', {class: 'tp-journeys'},
    el('h1', {class: 'section-title'}, 'Journeys'),
    el('p', {class: 'tp-lead'}, 'Every deployed journey and what became of the instances started in the period. Times are UTC.'),
    contactLookup(),
    rangeForm(range => showJourneys(content, api, range)),
    content));
  await showJourneys(content, api, {});
}

async function showJourneys(content, api, range) {
  content.replaceChildren(message('Loading journeys…'));
  let journeys;
  try {
    ({journeys} = await getJson(`${pluginApi(api)}/journeys${query(range)}`));
  } catch (error) {
    content.replaceChildren(message(`Could not load journeys (${error.message})`, 'error'));
    return;
  }
  if (!journeys.length) {
    content.replaceChildren(message('No journeys yet: deploy one and send a business event to start it.'));
    return;
  }
  const charts = el('div', {class: 'tp-charts'});
  content.replaceChildren(
    el('div', {class: 'tp-toolbar'}, downloadLink(`${pluginApi(api)}/journeys.csv${query(range)}`, 'Download CSV', 'journeys-csv')),
    table({'data-table': 'journeys'}, ['Journey', 'Versions'], SUMMARY_HEADINGS,
      journeys.map(journey => el('tr', {'data-journey': journey.key},
        el('td', {}, journeyLink(api, journey)),
        el('td', {'data-metric': 'versions'}, journey.versions.join(', ')),
        ...metricCells(journey)))),
    el('h2', {class: 'tp-subtitle'}, 'Over time'),
    charts);
  // one request per journey for its timeline; they render as they arrive
  await Promise.all(journeys.map(async journey => {
    const box = el('div', {class: 'tp-journey-chart', 'data-journey': journey.key});
    charts.append(box);
    try {
      const report = await getJson(`${pluginApi(api)}/journeys/${encodeURIComponent(journey.key)}${query(range)}`);
      box.replaceChildren(chartWithDownloads(timelineChart(report.timeline, journey.name || journey.key), `journey-${fileSafe(journey.key)}`));
    } catch (error) {
      box.replaceChildren(message(`${journey.key}: ${error.message}`, 'error'));
    }
  }));
  content.setAttribute('data-loaded', 'true');
}

function journeyLink(api, journey) {
  const link = el('a', {href: `#/processes`, 'data-journey-name': journey.key}, journey.name || journey.key);
  // Cockpit's definition page is addressed by id: resolve the newest version's id
  getJson(`${engineApi(api)}/process-definition${query({key: journey.key, latestVersion: 'true'})}`)
    .then(definitions => {
      if (definitions.length) {
        link.setAttribute('href', `#/process-definition/${definitions[0].id}/runtime`);
      }
    })
    .catch(() => link.setAttribute('title', 'Process definition not found'));
  return link;
}

// ---------------------------------------------------------------- the process-definition tab

async function renderDefinitionTab(node, api, processDefinitionId) {
  node.replaceChildren(message('Loading journey analytics…'));
  let definition;
  let report;
  try {
    ({definition, report} = await reportOfDefinition(api, processDefinitionId));
  } catch (error) {
    node.replaceChildren(message(error.status === 404
      ? 'This process is not a Touchpoint journey.'
      : `Could not load journey analytics (${error.message})`, error.status === 404 ? 'info' : 'error'));
    return;
  }
  const statuses = [...new Set(report.components.flatMap(component => Object.keys(shownCounts(component))))];
  const versionQuery = query({version: definition.version});
  node.replaceChildren(el('section', {class: 'tp-tab', 'data-journey': definition.key, 'data-loaded': 'true'},
    el('h4', {}, `Version ${definition.version}`),
    table({'data-table': 'summary'}, [], SUMMARY_HEADINGS, [el('tr', {}, ...metricCells(report.summary))]),
    el('div', {class: 'tp-toolbar'},
      el('h4', {}, 'Components'),
      downloadLink(`${pluginApi(api)}/journeys/${encodeURIComponent(definition.key)}/components.csv${versionQuery}`,
        'Download CSV', 'components-csv')),
    table({'data-table': 'components'}, ['Component', 'Kind'], statuses,
      report.components.map(component => el('tr', {'data-activity-id': component.activityId},
        el('td', {}, component.name || component.activityId),
        el('td', {}, component.kind),
        // a count another kind of component reports stays blank here, not 0
        ...statuses.map(status => el('td', {class: 'tp-number', 'data-count': status},
          status in component.counts ? count(component.counts[status]) : ''))))),
    el('h4', {}, 'Branches'),
    report.branches.length
      ? table({'data-table': 'branches'}, ['From', 'To'], ['Taken', 'Share'],
        report.branches.map(branch => el('tr', {'data-flow-id': branch.flowId},
          el('td', {}, branch.sourceId),
          el('td', {}, branch.targetName || branch.targetId),
          el('td', {class: 'tp-number', 'data-metric': 'taken'}, count(branch.taken)),
          el('td', {class: 'tp-number', 'data-metric': 'share', 'data-value': branch.share}, percent(branch.share)))))
      : message('No branches in this journey.'),
    el('h4', {}, 'Over time'),
    chartWithDownloads(timelineChart(report.timeline, `${definition.name || definition.key} v${definition.version}`),
      `journey-${fileSafe(definition.key)}-v${definition.version}`)));
}

// ---------------------------------------------------------------- the experiments tab

const GROUP_COLOURS = ['#1f6fb2', '#3c9a48', '#7b4fb8', '#d08a1c', '#2a9d9d', '#a33f7a'];
const HOLDOUT_COLOUR = '#8a8a8a';

async function experimentsOfDefinition(api, processDefinitionId) {
  const definition = await getJson(`${engineApi(api)}/process-definition/${encodeURIComponent(processDefinitionId)}`);
  const answer = await getJson(`${pluginApi(api)}/journeys/${encodeURIComponent(definition.key)}/experiments`);
  return {definition, ...answer};
}

function groupsOf(experiment) {
  return experiment.holdout ? [...experiment.variants, experiment.holdout] : experiment.variants;
}

function interval(bounds) {
  return bounds ? `${percent(bounds[0])} – ${percent(bounds[1])}` : '–';
}

function points(lift) {
  return lift ? `${lift.value >= 0 ? '+' : ''}${(lift.value * 100).toFixed(1)} pts` : '–';
}

function liftInterval(lift) {
  return lift ? `${(lift.interval[0] * 100).toFixed(1)} – ${(lift.interval[1] * 100).toFixed(1)} pts` : '–';
}

// Each group's conversion rate as a dot with its 95 % interval as a bar: the groups' rates side by side.
function ratesChart(experiment) {
  const groups = groupsOf(experiment);
  const width = 640;
  const rowHeight = 30;
  const margin = {top: 34, right: 24, bottom: 30, left: 110};
  const height = margin.top + margin.bottom + rowHeight * groups.length;
  const plotWidth = width - margin.left - margin.right;
  const title = `${experiment.key}: conversion rate by group (95 % interval)`;
  const chart = svg('svg', {
    xmlns: SVG_NS, class: 'tp-chart tp-rates-chart', width, height, viewBox: `0 0 ${width} ${height}`,
    'font-family': FONT, 'font-size': 11, role: 'img', 'aria-label': title
  });
  chart.append(
    svg('rect', {x: 0, y: 0, width, height, fill: '#ffffff'}),
    svg('text', {x: 8, y: 16, 'font-size': 13, 'font-weight': 'bold', fill: '#333'}, title));
  const top = Math.min(1, Math.max(0.05, ...groups.map(group => group.interval[1])) * 1.1);
  const x = rate => margin.left + (rate / top) * plotWidth;
  const baseline = margin.top + rowHeight * groups.length;
  for (let tick = 0; tick <= 4; tick++) {
    const rate = (top * tick) / 4;
    chart.append(
      svg('line', {x1: x(rate), y1: margin.top, x2: x(rate), y2: baseline, stroke: '#e5e5e5'}),
      svg('text', {x: x(rate), y: baseline + 16, 'text-anchor': 'middle', fill: '#555'}, percent(rate)));
  }
  groups.forEach((group, index) => {
    const colour = group === experiment.holdout ? HOLDOUT_COLOUR : GROUP_COLOURS[index % GROUP_COLOURS.length];
    const y = margin.top + index * rowHeight + rowHeight / 2;
    chart.append(
      svg('text', {x: margin.left - 8, y: y + 4, 'text-anchor': 'end', fill: '#333'}, group.name),
      svg('line', {x1: x(group.interval[0]), y1: y, x2: x(group.interval[1]), y2: y, stroke: colour, 'stroke-width': 6,
        'stroke-linecap': 'round', opacity: 0.45}),
      svg('circle', {cx: x(group.rate), cy: y, r: 5, fill: colour, 'data-group': group.name, 'data-value': group.rate},
        svg('title', {}, `${group.name}: ${percent(group.rate)} (${interval(group.interval)}), ${group.converted} of ${group.entered}`)));
  });
  return chart;
}

function experimentSection(api, definition, experiment) {
  const srm = experiment.srm;
  return el('div', {class: 'tp-experiment', 'data-experiment': experiment.key},
    el('h4', {}, `Experiment ${experiment.key}`),
    el('p', {class: 'tp-lead'}, `Conversion: ${experiment.conversionEvent} within the split's window. `,
      'Lift is against the control (the holdout\'s: the journey against no journey); decisions stay valid however often you look.'),
    srm.flagged
      ? message(`Sample ratio mismatch (p = ${srm.pValue.toExponential(2)}): the groups' sizes do not fit the weights. Find the cause before trusting any lift.`, 'error')
      : null,
    table({'data-table': 'experiment'}, ['Group'], ['Weight', 'Entered', 'Converted', 'Rate', '95 % interval', 'Lift',
      'Lift interval', 'Decision'],
      groupsOf(experiment).map(group => el('tr', {'data-group': group.name},
        el('td', {}, group.name),
        el('td', {class: 'tp-number', 'data-metric': 'weight'}, percent(group.weight)),
        el('td', {class: 'tp-number', 'data-metric': 'entered'}, count(group.entered)),
        el('td', {class: 'tp-number', 'data-metric': 'converted'}, count(group.converted)),
        el('td', {class: 'tp-number', 'data-metric': 'rate', 'data-value': group.rate}, percent(group.rate)),
        el('td', {class: 'tp-number', 'data-metric': 'interval'}, interval(group.interval)),
        el('td', {class: 'tp-number', 'data-metric': 'lift', 'data-value': group.lift ? group.lift.value : ''}, points(group.lift)),
        el('td', {class: 'tp-number', 'data-metric': 'liftInterval'}, liftInterval(group.lift)),
        el('td', {class: 'tp-number', 'data-metric': 'decision'}, group.decision || 'control')))),
    el('p', {class: 'tp-srm', 'data-srm': srm.flagged ? 'flagged' : 'ok'},
      `Sample ratio check: ${srm.pValue === null ? 'not enough contacts yet' : `p = ${srm.pValue.toFixed(4)}`}${srm.flagged ? ' (flagged)' : ''}`),
    chartWithDownloads(ratesChart(experiment), `experiment-${fileSafe(definition.key)}-${fileSafe(experiment.key)}`));
}

async function renderExperimentsTab(node, api, processDefinitionId) {
  node.replaceChildren(message('Loading experiments…'));
  let answer;
  try {
    answer = await experimentsOfDefinition(api, processDefinitionId);
  } catch (error) {
    node.replaceChildren(message(error.status === 404
      ? 'This process is not a Touchpoint journey.'
      : `Could not load experiments (${error.message})`, error.status === 404 ? 'info' : 'error'));
    return;
  }
  const {definition, experiments} = answer;
  node.replaceChildren(el('section', {class: 'tp-tab', 'data-journey': definition.key, 'data-loaded': 'true'},
    experiments.length
      ? el('div', {class: 'tp-toolbar'}, el('h4', {}, 'Experiments (all versions, newest weights)'),
        downloadLink(`${pluginApi(api)}/journeys/${encodeURIComponent(definition.key)}/experiments.csv`,
          'Download CSV', 'experiments-csv'))
      : message('This journey runs no experiment: add an Experiment split, or a Holdout % on its start.'),
    ...experiments.map(experiment => experimentSection(api, definition, experiment))));
}

// ---------------------------------------------------------------- the diagram overlay

async function renderDiagramOverlay(viewer, api, processDefinitionId) {
  let report;
  try {
    ({report} = await reportOfDefinition(api, processDefinitionId));
  } catch (error) {
    return; // not a journey (404) or no data: the diagram stays as Cockpit draws it
  }
  const overlays = viewer.get('overlays');
  const elements = viewer.get('elementRegistry');
  overlays.remove({type: 'touchpoint'});
  renderExperimentOverlays(viewer, api, processDefinitionId);
  report.components.forEach(component => {
    const shape = elements.get(component.activityId);
    const counts = Object.entries(shownCounts(component));
    if (!shape || !counts.length) {
      return;
    }
    overlays.add(shape, 'touchpoint', {
      position: {bottom: -4, left: 0},
      html: el('div', {class: 'tp-overlay tp-overlay-component', 'data-activity-id': component.activityId},
        ...counts.map(([status, value]) => el('span', {class: 'tp-overlay-count', 'data-count': status}, `${status} ${value}`)))
    });
  });
  report.branches.forEach(branch => {
    const flow = elements.get(branch.flowId);
    if (!flow || !flow.waypoints) {
      return;
    }
    // on the middle of the flow's last segment, i.e. just before the branch's target
    const [a, b] = flow.waypoints.slice(-2);
    const origin = {x: Math.min(...flow.waypoints.map(point => point.x)), y: Math.min(...flow.waypoints.map(point => point.y))};
    overlays.add(flow, 'touchpoint', {
      position: {left: (a.x + b.x) / 2 - origin.x - 18, top: (a.y + b.y) / 2 - origin.y - 20},
      html: el('div', {class: 'tp-overlay tp-overlay-branch', 'data-flow-id': branch.flowId, 'data-value': branch.share,
        title: `${branch.taken} journeys took this branch`}, percent(branch.share))
    });
  });
}

// "shadow" counts what a version in shadow mode recorded instead of sending: shown for such a version only
function shownCounts(component) {
  const {shadow, ...counts} = component.counts;
  return shadow ? component.counts : counts;
}

// Each variant's counts on its flow, at the flow's first segment (the branch share sits on its last).
async function renderExperimentOverlays(viewer, api, processDefinitionId) {
  let answer;
  try {
    answer = await experimentsOfDefinition(api, processDefinitionId);
  } catch (error) {
    return;
  }
  const overlays = viewer.get('overlays');
  const elements = viewer.get('elementRegistry');
  overlays.remove({type: 'touchpoint-experiment'});
  answer.experiments.forEach(experiment => {
    const flows = answer.variantFlows[experiment.key] || {};
    experiment.variants.forEach(variant => {
      const flow = elements.get(flows[variant.name]);
      if (!flow || !flow.waypoints) {
        return;
      }
      const [a, b] = flow.waypoints.slice(0, 2);
      const origin = {x: Math.min(...flow.waypoints.map(point => point.x)), y: Math.min(...flow.waypoints.map(point => point.y))};
      overlays.add(flow, 'touchpoint-experiment', {
        position: {left: (a.x + b.x) / 2 - origin.x + 6, top: (a.y + b.y) / 2 - origin.y - 8},
        html: el('div', {class: 'tp-overlay tp-overlay-variant', 'data-flow-id': flow.id, 'data-variant': variant.name,
          title: `${experiment.key}: ${variant.converted} of ${variant.entered} converted (${percent(variant.rate)})`},
          `${variant.name}: ${variant.entered} in, ${variant.converted} conv.`)
      });
    });
  });
}

// ---------------------------------------------------------------- send governor: emergency stops

const GOVERNOR_ROUTE = '/touchpoint-governor';

function stopsApi(api) {
  return `${pluginApi(api)}/governor/stops`;
}

async function renderGovernorPage(node, api) {
  const content = el('div', {class: 'tp-content'});
  const scope = el('input', {name: 'scope', class: 'form-control input-sm', placeholder: 'all, channel:sms, journey:<key>',
    size: 30});
  const reason = el('input', {name: 'reason', class: 'form-control input-sm', placeholder: 'why', size: 40,
    maxlength: 500});
  const outcome = el('div', {});
  const form = el('form', {class: 'form-inline tp-range', 'data-touchpoint': 'stop-form'},
    el('label', {}, 'Scope ', scope), ' ', el('label', {}, 'Reason ', reason), ' ',
    el('button', {type: 'submit', class: 'btn btn-danger btn-sm'}, 'Stop sending'));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    try {
      await send(api, 'POST', stopsApi(api), {scope: scope.value, reason: reason.value || null});
      outcome.replaceChildren();
      scope.value = '';
      reason.value = '';
    } catch (refused) {
      outcome.replaceChildren(message(refused.message, 'error'));
    }
    await showStops(content, api);
  });
  node.replaceChildren(el('section', {class: 'tp-governor'},
    el('h1', {class: 'section-title'}, 'Send governor'),
    el('p', {class: 'tp-lead'}, 'An emergency stop holds every send in its scope, on every node, until it is lifted; '
      + 'then the held sends go out, each once.'),
    form, outcome, content));
  await showStops(content, api);
}

async function showStops(content, api) {
  let state;
  try {
    state = await getJson(stopsApi(api));
  } catch (failed) {
    content.replaceChildren(message(`Could not load the emergency stops: ${failed.message}`, 'error'));
    return;
  }
  const stops = state.pauses.length === 0 ? message('No emergency stop is active.')
    : table({'data-touchpoint': 'stops'}, ['Scope', 'Reason', 'Since', ''], [], state.pauses.map(pause => {
      const lift = el('button', {type: 'button', class: 'btn btn-default btn-sm', 'data-stop': pause.id}, 'Lift');
      lift.addEventListener('click', async () => {
        try {
          await send(api, 'DELETE', `${stopsApi(api)}/${encodeURIComponent(pause.id)}`);
        } catch (refused) {
          content.prepend(message(refused.message, 'error'));
          return;
        }
        await showStops(content, api);
      });
      return el('tr', {'data-scope': pause.scope}, el('td', {}, pause.scope), el('td', {}, pause.reason || ''),
        el('td', {}, pause.createdAt.replace('T', ' ').slice(0, 19)), el('td', {}, lift));
    }));
  const held = state.held.length === 0 ? message('No send is held.')
    : table({'data-touchpoint': 'held'}, ['Journey', 'Channel', 'Reason'], ['Held'], state.held.map(count =>
      el('tr', {}, el('td', {}, count.journey), el('td', {}, count.channel), el('td', {}, count.reason),
        el('td', {class: 'tp-number'}, String(count.held)))));
  content.replaceChildren(el('h3', {}, 'Active stops'), stops, el('h3', {}, 'Held sends'), held);
}

// ---------------------------------------------------------------- plugin points

export default [
  {
    id: 'touchpoint.journeys.navigation',
    pluginPoint: 'cockpit.navigation',
    priority: 5,
    properties: {path: ROUTE},
    render: node => {
      node.replaceChildren(el('a', {href: `#${ROUTE}`, 'data-touchpoint': 'journeys-navigation'}, 'Journeys'));
    }
  },
  {
    id: 'touchpoint.journeys.page',
    pluginPoint: 'cockpit.route',
    priority: 0,
    properties: {path: ROUTE},
    render: (node, {api}) => {
      renderJourneysPage(node, api);
    }
  },
  {
    id: 'touchpoint.governor.navigation',
    pluginPoint: 'cockpit.navigation',
    priority: 4,
    properties: {path: GOVERNOR_ROUTE},
    render: node => {
      node.replaceChildren(el('a', {href: `#${GOVERNOR_ROUTE}`, 'data-touchpoint': 'governor-navigation'},
        'Send governor'));
    }
  },
  {
    id: 'touchpoint.governor.page',
    pluginPoint: 'cockpit.route',
    priority: 0,
    properties: {path: GOVERNOR_ROUTE},
    render: (node, {api}) => {
      renderGovernorPage(node, api);
    }
  },
  {
    id: 'touchpoint.migration.navigation',
    pluginPoint: 'cockpit.navigation',
    priority: 3,
    properties: {path: MIGRATION_ROUTE},
    render: node => {
      node.replaceChildren(el('a', {href: `#${MIGRATION_ROUTE}`, 'data-touchpoint': 'migration-navigation'},
        'Migration'));
    }
  },
  {
    id: 'touchpoint.migration.page',
    pluginPoint: 'cockpit.route',
    priority: 0,
    properties: {path: MIGRATION_ROUTE},
    render: (node, {api}) => {
      renderMigrationPage(node, api);
    }
  },
  {
    id: 'touchpoint.stuck.navigation',
    pluginPoint: 'cockpit.navigation',
    priority: 2,
    properties: {path: STUCK_ROUTE},
    render: node => {
      node.replaceChildren(el('a', {href: `#${STUCK_ROUTE}`, 'data-touchpoint': 'stuck-navigation'},
        'Stuck contacts'));
    }
  },
  {
    id: 'touchpoint.stuck.page',
    pluginPoint: 'cockpit.route',
    priority: 0,
    properties: {path: STUCK_ROUTE},
    render: (node, {api}) => {
      renderStuckPage(node, api);
    }
  },
  {
    id: 'touchpoint.timeline.page',
    pluginPoint: 'cockpit.route',
    priority: 0,
    properties: {path: TIMELINE_ROUTE},
    render: (node, {api}) => {
      renderTimelinePage(node, api);
    }
  },
  {
    id: 'touchpoint.timeline.tab',
    pluginPoint: 'cockpit.processInstance.runtime.tab',
    priority: 5,
    properties: {label: 'Contact timeline'},
    render: (node, {api, processInstanceId}) => {
      renderTimelineTab(node, api, processInstanceId);
    }
  },
  {
    id: 'touchpoint.journey.tab',
    pluginPoint: 'cockpit.processDefinition.runtime.tab',
    priority: 5,
    properties: {label: 'Journey analytics'},
    render: (node, {api, processDefinitionId}) => {
      renderDefinitionTab(node, api, processDefinitionId);
    }
  },
  {
    id: 'touchpoint.journey.experiments.tab',
    pluginPoint: 'cockpit.processDefinition.runtime.tab',
    priority: 4,
    properties: {label: 'Experiments'},
    render: (node, {api, processDefinitionId}) => {
      renderExperimentsTab(node, api, processDefinitionId);
    }
  },
  {
    id: 'touchpoint.journey.overlay',
    pluginPoint: 'cockpit.processDefinition.diagram.plugin',
    priority: 0,
    render: (viewer, {api, processDefinitionId}) => {
      renderDiagramOverlay(viewer, api, processDefinitionId);
    }
  }
];
