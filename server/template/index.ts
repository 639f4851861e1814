// Tinybird's SQL template engine (tinybird-cli 5.14.0 semantics), see shared reference template-engine.md.
export { TemplateError, parseTemplate, renderTemplate, templateParams } from './render';
export type { RenderOptions, RenderResult } from './render';
export type { DeclaredParam, ParamValue } from './params';
export { fromJs, jsonLoads } from './pyJson';
