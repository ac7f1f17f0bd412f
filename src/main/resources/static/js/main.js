// Entry point of every page: typeset math, highlight code, wire the navigation and the checklists.
import { typesetMath } from './math.js';
import { highlightCode } from './code.js';
import { initNavigation } from './navigation.js';
import { initProgress } from './progress.js';
import './search-box.js';

typesetMath(document);
highlightCode(document);
initNavigation(document);
initProgress(document);
