// Renders every process-samples/*.bpmn to docs/images/<sample>.svg with the bpmn-js viewer in headless Chromium,
// so the pictures in the docs are drawn from the BPMN itself. With --check, renders in memory and fails when a
// committed picture is missing or differs (the build runs this); without it, (re)writes the pictures. Either way,
// fails when docs/modeling-journeys.md has no section showing a sample's picture.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, join, relative } from 'node:path';
import { chromium } from 'playwright-core';
import { filesIn, guide, picturesDir, root, samplesDir } from './repository.mjs';

const check = process.argv.includes('--check');
const browserPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const require = createRequire(import.meta.url);
const viewerBundle = require.resolve('bpmn-js/dist/bpmn-viewer.production.min.js');

/**
 * bpmn-js wraps labels by measuring text in the browser, in Arial. Arimo (metric-compatible with Arial, from npm)
 * stands in for it, so labels wrap as in the Modeler and the pictures do not depend on the machine's fonts.
 */
function arialFace(weight) {
  const font = readFileSync(require.resolve(`@fontsource/arimo/files/arimo-latin-${weight}-normal.woff2`));
  return `@font-face { font-family: Arial; font-weight: ${weight}; src: url(data:font/woff2;base64,${font.toString('base64')}) format('woff2'); }`;
}

/**
 * bpmn-js names arrow-head markers with random ids; numbering them in order of appearance makes the same
 * diagram render to the same bytes every time.
 */
function withStableMarkerIds(svg) {
  const ids = new Map();
  for (const [, id] of svg.matchAll(/<marker id="([^"]+)"/g)) {
    ids.set(id, `marker-${ids.size + 1}`);
  }
  return svg.replace(/marker-[A-Za-z0-9]+/g, id => ids.get(id) ?? id);
}

async function render(page, xml) {
  return page.evaluate(async diagram => {
    const container = document.getElementById('canvas');
    container.replaceChildren();
    const viewer = new window.BpmnJS({ container });
    const { warnings } = await viewer.importXML(diagram);
    const { svg } = await viewer.saveSVG();
    viewer.destroy();
    return { svg, warnings: warnings.map(warning => warning.message) };
  }, xml);
}

if (!existsSync(browserPath)) {
  console.error(`No Chromium at ${browserPath}: install it (Debian: apt-get install chromium) or set CHROMIUM_PATH`);
  process.exit(1);
}

const samples = filesIn(samplesDir, '.bpmn');
const guideText = readFileSync(guide, 'utf-8');
const browser = await chromium.launch({ executablePath: browserPath });
const problems = [];
let stale = false;
try {
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  await page.setContent('<!DOCTYPE html><html><body><div id="canvas" style="width:1600px;height:1000px"></div></body></html>');
  await page.addStyleTag({ content: arialFace(400) + arialFace(700) });
  await page.evaluate(() => Promise.all([document.fonts.load('11px Arial'), document.fonts.load('bold 11px Arial')]));
  await page.addScriptTag({ path: viewerBundle });

  if (!check) {
    mkdirSync(picturesDir, { recursive: true });
  }
  for (const sample of samples) {
    const { svg, warnings } = await render(page, readFileSync(join(samplesDir, sample), 'utf-8'));
    if (warnings.length) {
      problems.push(`process-samples/${sample} does not import cleanly into bpmn-js: ${warnings.join('; ')}`);
      continue;
    }
    const picture = join(picturesDir, basename(sample, '.bpmn') + '.svg');
    if (!guideText.includes(`](images/${basename(picture)})`)) {
      problems.push(`${relative(root, guide)} has no section for process-samples/${sample}: add one with `
        + `![…](images/${basename(picture)})`);
    }
    const rendered = withStableMarkerIds(svg) + '\n';
    if (!check) {
      writeFileSync(picture, rendered);
      console.log(`rendered ${relative(root, picture)}`);
    } else if (!existsSync(picture)) {
      stale = true;
      problems.push(`${relative(root, picture)} is missing`);
    } else if (readFileSync(picture, 'utf-8') !== rendered) {
      stale = true;
      problems.push(`${relative(root, picture)} differs from process-samples/${sample}`);
    }
  }
} finally {
  await browser.close();
}

if (problems.length) {
  console.error(problems.join('\n'));
  if (stale) {
    console.error('The pictures in docs/images/ are drawn from process-samples/*.bpmn. Refresh them with\n'
      + '  npm --prefix modeling run render\nand commit the changed SVG files.');
  }
  process.exit(1);
}
console.log(check ? `${samples.length} sample pictures up to date` : `${samples.length} sample pictures rendered`);
