// Plan rendering as the toolkit offers it to the CLI and the dashboard.
export { renderPlan, summaryLine, type PlanStyle } from '../plan/render.js';
export { organizationView, liveTree, mermaid, type OrganizationView } from './show.js';
export { renderTree } from './tree.js';
export type { Plan, Change, PlanProblem } from '../plan/types.js';
export { renderAccessDiff, type AccessDiff } from './access-diff.js';
