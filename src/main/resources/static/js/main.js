// Entry point of every page: typeset math, highlight code, wire navigation, theme, glossary and checklists.
import { typesetMath } from './math.js';
import { highlightCode } from './code.js';
import { initNavigation } from './navigation.js';
import { initTheme } from './theme.js';
import { initGlossary } from './glossary.js';
import { initProgress } from './progress.js';
import { initAccountHeader } from './account-header.js';
import { initScrollRegions, markScrollRegion } from './scroll-regions.js';
import './search-box.js';
import { mountWidgets } from './widgets/index.js';
import { keepChartLabelsReadable } from './widgets/chart-labels.js';

document.documentElement.dataset.modules = 'on'; // static-typeset.js (static export) stands down
typesetMath(document, markScrollRegion);
highlightCode(document);
initScrollRegions(document);
initNavigation(document);
initTheme(document);
initGlossary(document);
initAccountHeader(document);
initProgress(document);
mountWidgets(document);
keepChartLabelsReadable(document);
