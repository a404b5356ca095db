/**
 * MODEL.md's closed-form results and the scenarios they hold in: what the tests and
 * notebooks/validation.ipynb check the simulation against (docs/model.md, section 5).
 */
export * from './closed-forms.ts';
export * from './analytic-scenarios.ts';
